import { act, render } from '@testing-library/preact';
import { h } from 'preact';
import { vi } from 'vitest';
import { App } from '../../src/renderer/App';
import {
  DEFAULT_SETTINGS,
  type AppState,
  type BucketView,
  type CommandName,
  type CommandResult,
  type EventName,
  type Events,
  type FlashbackBridge,
} from '../../src/shared/contract';

export const NOW = Date.parse('2026-11-24T12:00:00Z');

export function bucket(id: string, overrides: Partial<BucketView> = {}): BucketView {
  return {
    id,
    name: `Bucket ${id}`,
    storageType: 'S3',
    bucket: `provider-${id}`,
    key: 'AKIAIOSFODNN7EXAMPLE',
    status: 'ONLINE',
    workspaceId: 'workspace-a',
    createdAt: '2024-01-15T10:30:00Z',
    statusSince: new Date(NOW - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

export function signedInState(overrides: Partial<AppState> = {}): AppState {
  return {
    auth: { kind: 'signed-in', email: 'ada@example.com', method: 'password', storage: 'keychain' },
    buckets: [bucket('a', { name: 'Alpha' }), bucket('b', { name: 'Beta', status: 'OFFLINE', storageType: 'GCS', workspaceId: 'workspace-b' }), bucket('c', { name: 'Gamma', status: 'DISCONNECTED', storageType: 'BLOB' })],
    sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(NOW - 40_000).toISOString(), nextPollAt: new Date(NOW + 20_000).toISOString() },
    settings: structuredClone(DEFAULT_SETTINGS),
    notices: [],
    workspaces: [],
    update: { kind: 'idle' },
    accounts: [{ id: 'acc-ada0000001', label: 'ada@example.com', apiBaseUrl: DEFAULT_SETTINGS.apiBaseUrl, email: 'ada@example.com', auth: 'signed-in', phase: 'idle', stale: false }],
    currentAccount: 'acc-ada0000001',
    draft: null,
    ...overrides,
  };
}

/** A bridge double: records every command, answers with `results`, and lets the test push events. */
export class FakeBridge implements FlashbackBridge {
  readonly calls: Array<{ command: CommandName; args: unknown[] }> = [];
  readonly results: Partial<Record<CommandName, CommandResult<unknown>>> = {};
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  private version = 1;

  constructor(private state: AppState) {}

  invoke = vi.fn(async (command: CommandName, ...args: unknown[]) => {
    this.calls.push({ command, args });
    if (command === 'getState') return { ok: true, value: { version: this.version, state: this.state } };
    return this.results[command] ?? { ok: true, value: undefined };
  }) as unknown as FlashbackBridge['invoke'];

  on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener as (payload: never) => void);
    return () => this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  /** The main process's state changed: the view gets it as a snapshot (patches are tested in the core and e2e). */
  pushState(state: AppState): void {
    this.state = state;
    this.emit('snapshot', { version: ++this.version, state });
  }

  emit<K extends EventName>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (payload: Events[K]) => void)(payload);
  }

  commands(name: CommandName): unknown[][] {
    return this.calls.filter((call) => call.command === name).map((call) => call.args);
  }
}

/** Renders the popover with a fake bridge and lets it fetch its first state. */
export async function renderApp(state: AppState = signedInState()): Promise<FakeBridge> {
  const bridge = new FakeBridge(state);
  render(h(App, { bridge }));
  await act(async () => {
    await Promise.resolve();
  });
  return bridge;
}
