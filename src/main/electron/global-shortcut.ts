import type { GlobalShortcut } from 'electron';

/** `kept`: the shortcut still in force after a failed change (the old one, bound again), or '' for none. */
type ShortcutResult = { ok: true } | { ok: false; message: string; kept: string };

/**
 * (Re)binds the toggle shortcut. A taken or invalid accelerator is reported, never fatal,
 * and never leaves the user without a shortcut: the old one is bound again.
 */
export function bindToggleShortcut(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
  previous: string,
  next: string,
  onToggle: () => void,
  /** Why a refused shortcut was refused, as the system has it ("is taken by another app"). */
  refused = 'is taken by another app',
): ShortcutResult {
  if (previous) globalShortcut.unregister(previous);
  if (!next) return { ok: true };
  let problem: string;
  try {
    if (globalShortcut.register(next, onToggle)) return { ok: true };
    problem = `The shortcut “${next}” ${refused}.`;
  } catch {
    problem = `“${next}” is not a shortcut this system understands.`;
  }
  const kept = previous && previous !== next && tryRegister(globalShortcut, previous, onToggle) ? previous : '';
  const outcome = kept ? `Kept “${kept}”.` : 'No shortcut is set.';
  return { ok: false, message: `${problem} ${outcome} Choose another in Settings.`, kept };
}

function tryRegister(globalShortcut: Pick<GlobalShortcut, 'register'>, accelerator: string, onToggle: () => void): boolean {
  try {
    return globalShortcut.register(accelerator, onToggle);
  } catch {
    return false;
  }
}
