import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Linux has no login-item API: an XDG autostart entry is what desktops read at login. */
export function autostartEntry(execPath: string): string {
  const quoted = /[\s"'\\$`]/.test(execPath) ? `"${execPath.replace(/(["\\$`])/g, '\\$1')}"` : execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Flashback Tray',
    'Comment=See which Flashback storage buckets are available',
    `Exec=${quoted} --hidden`,
    'Icon=flashback-tray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homeDir, '.config');
  return join(configHome, 'autostart', 'flashback-tray.desktop');
}

export async function setXdgAutostart(enabled: boolean, path: string, execPath: string): Promise<void> {
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, autostartEntry(execPath), { mode: 0o644 });
}
