/**
 * Global shortcuts as Electron writes them ("CommandOrControl+Shift+B"): what the key
 * recorder makes of a key press, and why a text is refused, in words. Main validates every
 * shortcut with `acceleratorProblem`; the popover uses the same words before asking.
 */
const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const KEY = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Up|Down|Left|Right|,|\.|\/|;|')$/;

/** Why `value` cannot be a global shortcut; undefined when it can (the empty text: no shortcut). */
export function acceleratorProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (value.length > 100) return 'That shortcut is too long: use up to four modifiers and one key, e.g. CommandOrControl+Shift+B.';
  const parts = value.split('+');
  const key = parts.pop() ?? '';
  if (parts.length === 0) return `“${shown}” is not a shortcut: it needs a modifier (Ctrl, Alt, Shift or Super) and one key, e.g. CommandOrControl+Shift+B.`;
  const unknown = parts.find((part) => !MODIFIERS.includes(part));
  if (unknown !== undefined) return `“${unknown}” is not a modifier: use Ctrl, Alt, Shift, Super or CommandOrControl, then one key, e.g. CommandOrControl+Shift+B.`;
  if (parts.length > 4) return 'Use at most four modifiers and one key.';
  if (new Set(parts).size !== parts.length) return 'Each modifier once, please.';
  if (!KEY.test(key)) return `“${key}” cannot end a shortcut: end it with a letter, a digit, F1–F24, Space, an arrow or one of , . / ; '`;
  return undefined;
}

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The key of a press as an accelerator's last part ("K", "F5", "Space", "Up"); undefined for a modifier alone or a key a shortcut cannot use. */
function keyName(press: KeyPress): string | undefined {
  const letter = /^Key([A-Z])$/.exec(press.code)?.[1] ?? /^Digit([0-9])$/.exec(press.code)?.[1];
  if (letter) return letter;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.key)) return press.key;
  const named: Record<string, string> = { ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', ',': ',', '.': '.', '/': '/', ';': ';', "'": "'" };
  return named[press.key];
}

/**
 * What a key press records: the accelerator, or why it cannot be one. `mac`: the Command key is
 * CommandOrControl there, and Control stays Control; elsewhere Control is CommandOrControl.
 */
export function recordAccelerator(press: KeyPress, mac: boolean): { accelerator: string } | { waiting: true } | { problem: string } {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS'].includes(press.key)) return { waiting: true };
  const modifiers: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) modifiers.push('CommandOrControl');
  if (mac && press.ctrlKey) modifiers.push('Control');
  if (!mac && press.metaKey) modifiers.push('Super');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  const key = keyName(press);
  if (!key) return { problem: `${press.key === 'Unidentified' ? 'That key' : `“${press.key}”`} cannot end a shortcut: end it with a letter, a digit, F1–F24, Space or an arrow.` };
  if (modifiers.length === 0) return { problem: `${key} alone would fire in every app: hold Ctrl, Alt or ${mac ? '⌘' : 'Super'} (and Shift if you like) with it.` };
  // One of each modifier (four at most) and a key keyName gave: always a shortcut main accepts
  // (tests/core/accelerator.test.ts tries every one), so the popover needs no second check.
  return { accelerator: [...modifiers, key].join('+') };
}
