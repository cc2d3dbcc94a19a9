#!/usr/bin/env bash
# What `npm test` needs beyond npm packages, checked (and installed where we can) in one place:
# Node.js 22 (the `node` devDependency puts it in node_modules/.bin), Debian's Chromium for the
# browser tests, gnome-keyring + D-Bus + libsecret-tools for the real-keychain tests, and Xvfb
# for the Electron spec where an Electron binary exists. As root with apt, missing packages are
# installed; otherwise one line says exactly what to install, and the run stops.
set -euo pipefail

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 22 ]; then
  echo "npm test needs Node.js 22 (found $(node --version)): run 'npm ci' first, which installs it into node_modules/.bin." >&2
  exit 1
fi

packages=(chromium gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth)
missing=()
for pkg in "${packages[@]}"; do
  [ "$pkg" = chromium ] && [ -x "${CHROMIUM_PATH:-/nonexistent}" ] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v dpkg-query >/dev/null; then
  echo "npm test needs Chromium (set CHROMIUM_PATH), gnome-keyring, D-Bus, libsecret's secret-tool and Xvfb; install them with your package manager." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing what the tests need from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "npm test needs these Debian packages: sudo apt-get install -y ${missing[*]}" >&2
exit 1
