import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NOW, renderApp, signedInState } from './fixtures';

describe('a bucket’s details: its nodes, then its history', () => {
  it('opens from the row’s History button, newest first, with how long each state lasted, and goes back', async () => {
    const bridge = await renderApp(signedInState());
    bridge.results.getHistory = {
      ok: true,
      value: [
        { at: new Date(NOW - 4 * 3600_000).toISOString(), kind: 'added', to: 'ONLINE' },
        { at: new Date(NOW - 3 * 3600_000).toISOString(), kind: 'status', from: 'ONLINE', to: 'DISCONNECTED' },
        { at: new Date(NOW - 3600_000).toISOString(), kind: 'status', from: 'DISCONNECTED', to: 'ONLINE' },
      ],
    };
    const firstRow = document.querySelector<HTMLElement>('.row')!;
    fireEvent.click(screen.getAllByRole('button', { name: /^Details of / })[0]!);
    await waitFor(() => expect(screen.getByRole('list', { name: /newest first/ })).toBeTruthy());
    expect(bridge.commands('getHistory')).toEqual([[firstRow.dataset.bucketId]]);
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toMatch(/^DISCONNECTED → ONLINE · .+ · for \d+ (h|days) so far$/);
    expect(items[1]).toMatch(/^ONLINE → DISCONNECTED · .+ · lasted 2 h$/);
    expect(items[2]).toMatch(/^Became available \(ONLINE\) · .+ · lasted 1 h$/);
    fireEvent.click(screen.getByRole('button', { name: 'Back to buckets' }));
    expect(screen.getByRole('list', { name: /Available buckets/ })).toBeTruthy();
  });

  it('opens with the H key on a row, and says so when nothing was recorded yet', async () => {
    const bridge = await renderApp(signedInState());
    bridge.results.getHistory = { ok: true, value: [] };
    const row = document.querySelector<HTMLElement>('.row')!;
    act(() => row.focus());
    fireEvent.keyDown(row, { key: 'h' });
    await waitFor(() => expect(screen.getByText(/No changes seen yet/)).toBeTruthy());
  });

  it('on open asks Flashback for the nodes once and shows each node’s region, status, latency and age, above the history', async () => {
    const bridge = await renderApp(signedInState());
    bridge.results.getHistory = { ok: true, value: [] };
    bridge.results.getBucketNodes = {
      ok: true,
      value: [
        { ip: '10.0.0.1', region: 'eu-west-1', version: '1.4.2', status: 'ONLINE', latencyMs: 23, lastUpdated: new Date(NOW - 120_000).toISOString() },
        { ip: '10.0.0.2', region: '', version: '1.4.2', status: 'DISCONNECTED', lastUpdated: new Date(NOW - 3 * 3600_000).toISOString() },
      ],
    };
    expect(bridge.commands('getBucketNodes')).toEqual([]);
    const firstRow = document.querySelector<HTMLElement>('.row')!;
    fireEvent.click(screen.getAllByRole('button', { name: /^Details of / })[0]!);
    const nodes = await screen.findByRole('list', { name: /^Nodes of / });
    expect(bridge.commands('getBucketNodes')).toEqual([[firstRow.dataset.bucketId]]);
    const items = Array.from(nodes.querySelectorAll('li')).map((item) => item.textContent);
    expect(items[0]).toMatch(/^eu-west-1 · ONLINE · 23 ms · reported .+ ago$/);
    expect(items[1]).toMatch(/^10\.0\.0\.2 · DISCONNECTED · reported .+ ago$/);
    expect(screen.getByRole('heading', { name: 'Status history' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to buckets' }));
    expect(bridge.commands('getBucketNodes')).toHaveLength(1);
  });

  it('says in words why the nodes cannot be shown, and still shows the history', async () => {
    const bridge = await renderApp(signedInState());
    bridge.results.getHistory = { ok: true, value: [] };
    bridge.results.getBucketNodes = { ok: false, error: { code: 'not-found', message: 'Flashback does not know this bucket any more: it may have been taken by a repository, or deleted.' } };
    fireEvent.click(screen.getAllByRole('button', { name: /^Details of / })[0]!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/taken by a repository, or deleted/);
    expect(await screen.findByText(/No changes seen yet/)).toBeTruthy();
  });

  it('an answer that arrives after the details were closed goes nowhere', async () => {
    const bridge = await renderApp(signedInState());
    let answer: (result: { ok: true; value: [] }) => void = () => undefined;
    bridge.results.getHistory = { ok: true, value: [] };
    const pending = new Promise((resolve) => (answer = resolve));
    (bridge.results as Record<string, unknown>).getBucketNodes = pending;
    fireEvent.click(screen.getAllByRole('button', { name: /^Details of / })[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Back to buckets' }));
    await act(async () => answer({ ok: true, value: [] }));
    expect(screen.queryByRole('list', { name: /^Nodes of / })).toBeNull();
    expect(screen.getByRole('list', { name: /Available buckets/ })).toBeTruthy();
  });
});
