import { act, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withMuted } from '../../src/renderer/hooks/use-mute';
import { NOW, renderApp, signedInState } from './fixtures';

/** The fixtures' buckets carry no account: a bare id is their key. */
const KEY_A = 'a';

describe('mute one bucket', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('withMuted puts a key in once, or takes it out, the others kept in order', () => {
    expect(withMuted(['x', 'y'], 'z', true)).toEqual(['x', 'y', 'z']);
    expect(withMuted(['x', 'z', 'y'], 'z', true)).toEqual(['x', 'y', 'z']);
    expect(withMuted(['x', 'z', 'y'], 'z', false)).toEqual(['x', 'y']);
  });

  it('the row’s bell mutes it (named for screen readers), says so with Undo, and Undo takes it back in one click', async () => {
    const state = signedInState();
    const bridge = await renderApp(state);
    const alpha = screen.getByRole('listitem', { name: 'Alpha, ONLINE' });
    bridge.results.updateSettings = { ok: true, value: { ...state.settings, mutedBuckets: [KEY_A] } };
    await act(async () => {
      fireEvent.click(within(alpha).getByRole('button', { name: 'Mute notifications for Alpha' }));
    });
    expect(bridge.commands('updateSettings')).toEqual([[{ mutedBuckets: [KEY_A] }]]);
    await act(async () => bridge.pushState({ ...state, settings: { ...state.settings, mutedBuckets: [KEY_A] } }));
    const shown = document.querySelector('.toast-undo')!;
    expect(shown.getAttribute('role')).toBe('status');
    expect(shown.textContent).toContain('Muted Alpha: no notifications for it.');
    // Muted: said in the row's name, and a struck-through bell (a shape, not only a colour).
    const muted = screen.getByRole('listitem', { name: 'Alpha, ONLINE, muted' });
    expect(muted.classList.contains('row-muted')).toBe(true);
    const unmute = within(muted).getByRole('button', { name: 'Unmute notifications for Alpha' });
    expect(unmute.querySelectorAll('svg path')).toHaveLength(3);
    await act(async () => {
      fireEvent.click(within(shown as HTMLElement).getByRole('button', { name: 'Undo' }));
    });
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ mutedBuckets: [] }]);
    expect(document.querySelector('.toast-undo')).toBeNull();
  });

  it('M on a row mutes it, and M again unmutes it; a refusal from main shows as a toast', async () => {
    const state = signedInState();
    state.settings.mutedBuckets = [KEY_A];
    const bridge = await renderApp(state);
    const alpha = screen.getByRole('listitem', { name: 'Alpha, ONLINE, muted' });
    await act(async () => alpha.focus());
    await act(async () => {
      fireEvent.keyDown(alpha, { key: 'm' });
    });
    await act(async () => undefined); // main's answer
    expect(bridge.commands('updateSettings')).toEqual([[{ mutedBuckets: [] }]]);
    expect(document.querySelector('.toast-undo')!.textContent).toContain('Notifications for Alpha are on again.');
    bridge.results.updateSettings = { ok: false, error: { kind: 'invalid', message: 'At most 1000 buckets can be muted.' } } as never;
    const beta = screen.getByRole('listitem', { name: 'Beta, OFFLINE' });
    await act(async () => beta.focus());
    await act(async () => {
      fireEvent.keyDown(beta, { key: 'M' });
    });
    await act(async () => undefined);
    expect(screen.getByRole('alert').textContent).toBe('At most 1000 buckets can be muted.');
  });
});
