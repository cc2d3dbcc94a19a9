import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/App';
import type { AccountState } from '../../src/shared/accounts';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import type { AppState, EventName, StateSnapshot } from '../../src/shared/contract';
import { bridgeFromWire, eventToWire, resultToWire, type WireBridge } from '../../src/shared/wire';
import { indexLines } from '../../src/renderer/list-model/keyed-lines';
import { bucket, NOW, signedInState } from './fixtures';

const ops: AccountState = { id: 'acc-opsaccount1', label: 'ops@example.com', apiBaseUrl: 'https://backend.flashback.tech', email: 'ops@example.com', auth: 'signed-in', phase: 'idle', stale: false };
const OPS_ROWS = 30;

/** A large list: the first account's buckets sort first (names “Aaa …”), the ops account's come last (“Zed …”). */
function twoAccounts(overrides: Partial<AppState['settings']> = {}): AppState {
  const base = signedInState();
  const primary = Array.from({ length: FIRST_SCREEN_FROM + 500 }, (_, i) => bucket(`p${i}`, { name: `Aaa ${i}` }));
  const theirs = Array.from({ length: OPS_ROWS }, (_, i) => bucket(`o${i}`, { name: `Zed ${i}`, account: ops.id }));
  return { ...base, accounts: [...base.accounts, ops], settings: { ...base.settings, ...overrides }, buckets: [...primary, ...theirs] };
}

/** The App on the Electron wire (main's encoding, the page's decoding), with getState answering `snapshot`. */
async function renderOnWire(snapshot: StateSnapshot): Promise<(event: EventName, payload: unknown) => void> {
  const listeners = new Map<string, Array<(payload: never) => void>>();
  const wire: WireBridge = {
    invoke: async (command: string, ..._args: unknown[]) => (command === 'getState' ? resultToWire('getState', { ok: true, value: snapshot }) : { ok: true, value: undefined }) as never,
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
  };
  render(h(App, { bridge: bridgeFromWire(wire, undefined, indexLines) }));
  await act(async () => {
    await Promise.resolve();
  });
  return (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload as never));
}

const emptyMessages = () => screen.queryByText('No buckets are available in this account') ?? screen.queryByText('No buckets match') ?? screen.queryByText('No buckets are available');

describe('a large list\'s first screen follows the view\'s account and filters', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('a view showing one account never says its account has no buckets while the list arrives', async () => {
    await renderOnWire({ version: 3, state: twoAccounts({ shownAccount: ops.id }) });
    expect(emptyMessages()).toBeNull();
    await waitFor(() => expect(screen.getByRole('list', { name: `Available buckets, ${OPS_ROWS}` }).getAttribute('aria-busy')).toBeNull());
    expect(screen.getAllByRole('listitem')[0]?.getAttribute('aria-label')).toBe('Zed 0, ONLINE');
    expect(emptyMessages()).toBeNull();
  });

  it('a search typed before a large snapshot arrives is applied to the whole list, never to a first screen of another view', async () => {
    const emit = await renderOnWire({ version: 3, state: signedInState() });
    await act(async () => {
      fireEvent.input(screen.getByRole('searchbox', { name: 'Search buckets' }), { target: { value: 'zed' } });
    });
    // A list from FIRST_SCREEN_FROM on is decoded a line per task: on to the render that adopts it.
    await act(async () => {
      emit('snapshot', eventToWire('snapshot', { version: 4, state: twoAccounts() }));
      for (let turn = 0; turn < 200 && !document.querySelector('ul.list'); turn++) await new Promise((resolve) => setTimeout(resolve, 5));
    });
    expect(emptyMessages()).toBeNull();
    await waitFor(() => expect(screen.getByRole('list', { name: `Available buckets, ${OPS_ROWS}` }).getAttribute('aria-busy')).toBeNull());
    expect(emptyMessages()).toBeNull();
  });
});
