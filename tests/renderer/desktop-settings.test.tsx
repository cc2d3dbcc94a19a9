import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CommandName, CommandResult, FlashbackBridge } from '../../src/shared/contract';
import type { DesktopInfo } from '../../src/shared/desktop';
import { bucket, renderApp, signedInState, type FakeBridge } from './fixtures';

const WAYLAND: DesktopInfo = {
  platform: 'linux',
  displayServer: 'wayland',
  trayHost: 'present',
  surface: 'window',
  summary: 'Running on Wayland, where apps cannot place their own windows: Flashback Tray opens as a window the desktop places. Turn on Run under XWayland to open it by the tray icon instead.',
  canRunUnderXWayland: true,
};

describe('Settings → Desktop', () => {
  it('says how the app runs here, and sends both switches to main', async () => {
    const bridge = await renderApp({ ...signedInState(), desktop: WAYLAND });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText(WAYLAND.summary)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /^Run under XWayland/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Run as a normal window' }));
    expect(bridge.commands('updateSettings')).toEqual([[{ runUnderXWayland: true }], [{ runAsWindow: true }]]);
  });

  it('without a tray icon: the one line on how to get it; no XWayland switch where there is no XWayland', async () => {
    const hint = 'No tray icon: install the AppIndicator extension.';
    await renderApp({ ...signedInState(), desktop: { ...WAYLAND, displayServer: 'x11', trayHost: 'missing', summary: 'Running on X11, without a tray icon: Flashback Tray opens as a window.', hint, canRunUnderXWayland: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText(hint)).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /^Run under XWayland/ })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Run as a normal window' })).toBeTruthy();
  });

  it('the browser preview (no desktop): no such section', async () => {
    await renderApp(signedInState());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('group', { name: 'Desktop' })).toBeNull();
  });
});

describe('Settings → Appearance: the count beside the tray icon', () => {
  it('on macOS and Linux a switch (on by default) that says where the count shows; it goes to main', async () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const bridge = await renderApp({ ...signedInState(), desktop: { ...WAYLAND, platform, surface: 'popover' } });
      fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
      const box = screen.getByRole('checkbox', { name: 'Show the count beside the icon' }) as HTMLInputElement;
      expect(box.checked).toBe(true);
      expect(box.getAttribute('aria-describedby')).toBe('tray-count-where');
      expect(document.getElementById('tray-count-where')!.textContent).toContain(platform === 'darwin' ? 'menu bar' : 'AppIndicator');
      fireEvent.click(box);
      expect(bridge.commands('updateSettings')).toEqual([[{ showCountInMenuBar: false }]]);
      cleanup();
    }
  });

  it('on Windows no switch: a sentence says Windows shows no text beside tray icons', async () => {
    await renderApp({ ...signedInState(), desktop: { ...WAYLAND, platform: 'win32', displayServer: undefined, trayHost: undefined, surface: 'popover', canRunUnderXWayland: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('checkbox', { name: 'Show the count beside the icon' })).toBeNull();
    expect(screen.getByText(/^Count beside the icon: Windows shows no text beside tray icons/)).toBeTruthy();
  });
});

describe('Settings: a switch shows what was set while main saves it', () => {
  /** updateSettings answers only when the test says; everything else as the fake bridge does. */
  function holdUpdates(bridge: FakeBridge) {
    const answers: Array<(result: CommandResult<unknown>) => void> = [];
    const invoke = bridge.invoke;
    bridge.invoke = (async (command: CommandName, ...args: unknown[]) => {
      if (command !== 'updateSettings') return invoke(command, ...(args as []));
      bridge.calls.push({ command, args });
      return new Promise((resolve) => answers.push(resolve));
    }) as unknown as FlashbackBridge['invoke'];
    return answers;
  }

  /** Settings open on a popover, updateSettings held, the tray-count box clicked once. */
  async function clickTrayCountWhileMainHoldsIt() {
    const state = { ...signedInState(), desktop: { ...WAYLAND, surface: 'popover' as const } };
    const bridge = await renderApp(state);
    const answers = holdUpdates(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const box = () => screen.getByRole('checkbox', { name: 'Show the count beside the icon' }) as HTMLInputElement;
    fireEvent.click(box());
    return { state, bridge, answers, box };
  }

  /** Main answers the held update; its reply reaches the view. */
  async function answer(answers: Array<(result: CommandResult<unknown>) => void>, result: CommandResult<unknown>) {
    await act(async () => {
      answers[0]!(result);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }

  it('a redraw before main answers (a poll, a clock tick) keeps the box as clicked; a refusal puts it back and says why', async () => {
    const { state, bridge, answers, box } = await clickTrayCountWhileMainHoldsIt();
    expect(box().checked).toBe(false);
    // A status change arrives before the setting is saved: main's state still has the old value.
    await act(async () => bridge.pushState({ ...state, buckets: [bucket('b-1', { status: 'offline' })] }));
    expect(box().checked).toBe(false);
    await answer(answers, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'The settings file could not be saved.' } });
    expect(box().checked).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('The settings file could not be saved.');
  });

  it('taken: the state main sends shows, and later changes from main (the tray menu) show too', async () => {
    const { state, bridge, answers, box } = await clickTrayCountWhileMainHoldsIt();
    const saved = { ...state, settings: { ...state.settings, showCountInMenuBar: false } };
    await act(async () => bridge.pushState(saved));
    await answer(answers, { ok: true, value: saved.settings });
    expect(box().checked).toBe(false);
    await act(async () => bridge.pushState({ ...saved, settings: { ...saved.settings, showCountInMenuBar: true } }));
    expect(box().checked).toBe(true);
  });
});
