import { describe, expect, it } from 'vitest';
import { acceleratorProblem, recordAccelerator, type KeyPress } from '../../src/shared/accelerator';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('the shortcut recorder', () => {
  it('turns Ctrl+Shift+K into CommandOrControl+Shift+K off a Mac, and ⌘⇧K into the same on a Mac', () => {
    expect(recordAccelerator(press('K', 'KeyK', { ctrlKey: true, shiftKey: true }), false)).toEqual({ accelerator: 'CommandOrControl+Shift+K' });
    expect(recordAccelerator(press('k', 'KeyK', { metaKey: true, shiftKey: true }), true)).toEqual({ accelerator: 'CommandOrControl+Shift+K' });
    expect(recordAccelerator(press('F5', 'F5', { altKey: true }), false)).toEqual({ accelerator: 'Alt+F5' });
    expect(recordAccelerator(press(' ', 'Space', { metaKey: true }), false)).toEqual({ accelerator: 'Super+Space' });
    // The layout's letter does not matter: the physical key does (Alt+Shift+2 types "@" on many layouts).
    expect(recordAccelerator(press('@', 'Digit2', { altKey: true, shiftKey: true }), false)).toEqual({ accelerator: 'Alt+Shift+2' });
  });

  it('waits while only modifiers are held, and says why a key alone or an odd key cannot be a shortcut', () => {
    expect(recordAccelerator(press('Shift', 'ShiftLeft', { shiftKey: true }), false)).toEqual({ waiting: true });
    expect(recordAccelerator(press('k', 'KeyK'), false)).toEqual({ problem: 'K alone would fire in every app: hold Ctrl, Alt or Super (and Shift if you like) with it.' });
    expect(recordAccelerator(press('Home', 'Home', { ctrlKey: true }), false)).toEqual({ problem: '“Home” cannot end a shortcut: end it with a letter, a digit, F1–F24, Space or an arrow.' });
  });

  it('every accelerator it records is one main accepts: every key it names, with every set of modifiers, on a Mac and off it', () => {
    const keys: Array<[string, string]> = [
      ...Array.from({ length: 26 }, (_, i): [string, string] => [String.fromCharCode(97 + i), `Key${String.fromCharCode(65 + i)}`]),
      ...Array.from({ length: 10 }, (_, i): [string, string] => [String(i), `Digit${i}`]),
      ...Array.from({ length: 24 }, (_, i): [string, string] => [`F${i + 1}`, `F${i + 1}`]),
      ...([' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ',', '.', '/', ';', "'"].map((key): [string, string] => [key, key === ' ' ? 'Space' : key])),
    ];
    let recorded = 0;
    for (const mac of [false, true]) {
      for (let mods = 1; mods < 16; mods++) {
        for (const [key, code] of keys) {
          const result = recordAccelerator(press(key, code, { ctrlKey: Boolean(mods & 1), metaKey: Boolean(mods & 2), altKey: Boolean(mods & 4), shiftKey: Boolean(mods & 8) }), mac);
          expect('accelerator' in result && acceleratorProblem(result.accelerator)).toBe(undefined);
          recorded++;
        }
      }
    }
    expect(recorded).toBe(2 * 15 * keys.length);
    expect(acceleratorProblem('')).toBeUndefined();
    expect(acceleratorProblem('Ctrl+Ctrl+B')).toBe('Each modifier once, please.');
  });
});
