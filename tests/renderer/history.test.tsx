import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NOW, renderApp, signedInState } from './fixtures';

describe('a bucket’s history', () => {
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
    fireEvent.click(screen.getAllByRole('button', { name: /^History of / })[0]!);
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
});
