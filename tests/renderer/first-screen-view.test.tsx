import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

const COUNT = FIRST_SCREEN_FROM + 500;
/** Names in no order, some problems: the first screen must pick and sort them as the full index does. */
const many = () => Array.from({ length: COUNT }, (_, i) => bucket(`id-${String(i).padStart(6, '0')}`, { name: `Bucket ${(i * 7919) % COUNT}`, status: i % 97 === 5 ? 'OFFLINE' : 'ONLINE' }));
const list = () => screen.getByRole('list', { name: `Available buckets, ${COUNT}` });
const rowLabels = () => [...list().querySelectorAll('li.row')].map((row) => row.getAttribute('aria-label'));

describe('a large list on a new view (its first screen while the index is made a slice per task)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('shows its first rows, sorted as the full list, in the first frame; the full index follows', async () => {
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
