import type { GlobalShortcut } from 'electron';

export type ShortcutResult = { ok: true } | { ok: false; message: string };

/** (Re)binds the toggle shortcut; a taken or invalid accelerator is reported, never fatal. */
export function bindToggleShortcut(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
  previous: string,
  next: string,
  onToggle: () => void,
): ShortcutResult {
  if (previous) globalShortcut.unregister(previous);
  if (!next) return { ok: true };
  try {
    if (globalShortcut.register(next, onToggle)) return { ok: true };
  } catch {
    return { ok: false, message: `“${next}” is not a shortcut this system understands. Choose another in Settings.` };
  }
  return { ok: false, message: `The shortcut “${next}” is taken by another app. Choose another in Settings.` };
}
