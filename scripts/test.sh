#!/usr/bin/env bash
# `npm test`: type-check, build, then every suite (vitest: core, mock API, adapters,
# components, keychain; Playwright: renderer and preview in Chromium, Electron e2e).
# Where gnome-keyring and D-Bus are installed, the whole run gets a private session bus
# with a throwaway, unlocked Secret Service, so the keychain tests use a real OS keychain
# without touching the user's own.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -n "${FLASHBACK_TEST_BUS:-}" ] || bash scripts/test-deps.sh

if [ -z "${FLASHBACK_TEST_BUS:-}" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export FLASHBACK_TEST_BUS=1
  keyring_home=$(mktemp -d)
  trap 'rm -rf "$keyring_home"' EXIT
  status=0
  XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
    eval "$(printf flashback-test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
    exec bash scripts/test.sh "$@"' _ "$@" || status=$?
  exit $status
fi

temp_before=$(ls -d "${TMPDIR:-/tmp}"/flashback-* 2>/dev/null | sort || true)
npm run -s typecheck
npm run -s build
rm -f test-results/vitest.json test-results/playwright.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
npx playwright test
node scripts/test-summary.mjs
# Tests clean up after themselves: a folder they made and left behind fails the run.
left=$(comm -13 <(printf '%s\n' "$temp_before") <(ls -d "${TMPDIR:-/tmp}"/flashback-* 2>/dev/null | sort || true) | sed '/^$/d')
if [ -n "$left" ]; then echo "The tests left temporary folders behind:"; echo "$left"; exit 1; fi
