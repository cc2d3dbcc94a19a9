import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexBuckets } from '../../src/renderer/bucket-query';
import { FIRST_SCREEN_FROM, FIRST_SCREEN_ROWS, firstScreen } from '../../src/shared/bucket-order';
import type { StateSnapshot } from '../../src/shared/contract';
import { countBuckets } from '../../src/shared/format';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

const COUNT = FIRST_SCREEN_FROM + 500;
/** Names in no order, some problems: the first screen must pick and sort them as the full index does. */
const many = () => Array.from({ length: COUNT }, (_, i) => bucket(`id-${i}`, { name: `Bucket ${(i * 7919) % COUNT}`, status: i % 97 === 5 ? 'OFFLINE' : 'ONLINE' }));
const list = () => screen.getByRole('list', { name: `Available buckets, ${COUNT}` });
const rowLabels = () => [...list().querySelectorAll('li.row')].map((row) => row.getAttribute('aria-label'));

describe('a large list on a new view', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('shows its first rows, sorted as the full list, in the first frame; the rest follows right after it', async () => {
    const buckets = many();
    await renderApp(signedInState({ buckets }));
    const expected = indexBuckets(buckets).map((entry) => `${entry.bucket.name}, ${entry.bucket.status}`);
    // The first frame: every bucket counted, room for all of them, the list marked busy.
    expect(list().getAttribute('aria-busy')).toBe('true');
    expect(list().style.height).toBe(`${COUNT * 76}px`);
    const first = rowLabels();
    expect(first.length).toBeGreaterThan(3);
    expect(first).toEqual(expected.slice(0, first.length));
    expect(document.querySelector('.header-status')!.textContent).toContain(`${COUNT} buckets · ${buckets.filter((b) => b.status !== 'ONLINE').length} need attention`);
    // Right after it: the full index, the same rows, no longer busy; End reaches the last bucket.
    await waitFor(() => expect(list().getAttribute('aria-busy')).toBeNull());
    expect(rowLabels().slice(0, first.length)).toEqual(first);
    const firstRow = list().querySelector<HTMLElement>('li.row')!;
    firstRow.focus();
    fireEvent.keyDown(firstRow, { key: 'End' });
    await waitFor(() => expect(list().querySelector('li.row[tabindex="0"]')?.getAttribute('aria-label')).toBe(expected.at(-1)));
  });

  it('focus entering the list before the rest arrives brings it at once, so End reaches the last bucket', async () => {
    const buckets = many();
    await renderApp(signedInState({ buckets }));
    const firstRow = list().querySelector<HTMLElement>('li.row')!;
    await act(async () => {
      firstRow.focus();
      fireEvent.focusIn(firstRow);
    });
    expect(list().getAttribute('aria-busy')).toBeNull();
    await act(async () => {
      fireEvent.keyDown(list().querySelector<HTMLElement>('li.row[tabindex="0"]')!, { key: 'End' });
    });
    expect(list().querySelector('li.row[tabindex="0"]')?.getAttribute('aria-label')).toBe(`${indexBuckets(buckets).at(-1)!.bucket.name}, ONLINE`);
  });

  it('a search typed before the rest arrives looks through every bucket, not only the first screen', async () => {
    const buckets = many();
    await renderApp(signedInState({ buckets }));
    expect(list().getAttribute('aria-busy')).toBe('true');
    const last = indexBuckets(buckets).at(-1)!.bucket;
    await act(async () => {
      fireEvent.input(screen.getByRole('searchbox', { name: 'Search buckets' }), { target: { value: last.id } });
    });
    const found = screen.getByRole('list', { name: 'Available buckets, 1' });
    expect(found.getAttribute('aria-busy')).toBeNull();
    expect(found.querySelector('li.row')?.getAttribute('aria-label')).toBe(`${last.name}, ${last.status}`);
  });
});

describe('a large snapshot\'s head (main sends it first, see shared/wire.ts)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  const headOf = (snapshot: StateSnapshot): StateSnapshot => ({ ...snapshot, state: { ...snapshot.state, buckets: firstScreen(snapshot.state.buckets, FIRST_SCREEN_ROWS) }, partial: countBuckets(snapshot.state.buckets) });

  it('shows the first rows and the whole list\'s counts and room at once; the whole snapshot replaces it', async () => {
    const bridge = await renderApp(signedInState({ buckets: [] }));
    const whole: StateSnapshot = { version: 5, state: signedInState({ buckets: many() }) };
    await act(async () => bridge.emit('snapshot', headOf(whole)));
    expect(list().getAttribute('aria-busy')).toBe('true');
    expect(list().style.height).toBe(`${COUNT * 76}px`);
    expect(document.querySelector('.header-status')!.textContent).toContain(`${COUNT} buckets · ${whole.state.buckets.filter((b) => b.status !== 'ONLINE').length} need attention`);
    const first = rowLabels();
    expect(first).toEqual(indexBuckets(whole.state.buckets).slice(0, first.length).map((entry) => `${entry.bucket.name}, ${entry.bucket.status}`));
    await act(async () => bridge.emit('snapshot', whole));
    expect(list().getAttribute('aria-busy')).toBeNull();
    expect(rowLabels().slice(0, first.length)).toEqual(first);
  });

  it('patches that come between the head and the whole snapshot wait for it and are applied to it, with no resync', async () => {
    const bridge = await renderApp(signedInState({ buckets: [] }));
    const whole: StateSnapshot = { version: 5, state: signedInState({ buckets: many() }) };
    const target = indexBuckets(whole.state.buckets).at(-1)!.bucket;
    await act(async () => bridge.emit('snapshot', headOf(whole)));
    await act(async () => bridge.emit('patch', { base: 5, version: 6, buckets: { upsert: [{ ...target, status: 'OFFLINE', name: 'Aaa moved up' }], remove: [] } }));
    await act(async () => bridge.emit('snapshot', whole));
    expect(rowLabels()[0]).toBe('Aaa moved up, OFFLINE');
    expect(bridge.commands('getState')).toHaveLength(1);
  });

  it('a head older than what the view holds is ignored', async () => {
    const bridge = await renderApp(signedInState({ buckets: [] }));
    await act(async () => bridge.emit('snapshot', { version: 7, state: signedInState() }));
    const whole: StateSnapshot = { version: 6, state: signedInState({ buckets: many() }) };
    await act(async () => bridge.emit('snapshot', headOf(whole)));
    expect(screen.getByRole('list', { name: 'Available buckets, 3' }).getAttribute('aria-busy')).toBeNull();
  });
});
