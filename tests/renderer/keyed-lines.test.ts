import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketsOf } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets, indexOne, workspaceNamesOf } from '../../src/renderer/list-model/bucket-query';
import { Cells, cellsOf } from '../../src/renderer/list-model/index-cells';
import { indexLines, takeIndex } from '../../src/renderer/list-model/keyed-lines';
import { byOrder, FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import { DEFAULT_SETTINGS, type BucketView, type ListOrder, type StateSnapshot } from '../../src/shared/contract';
import { byName, comparatorFor } from '../../src/shared/list-order';
import { decodeSnapshot, eventToWire, WIRE_SLICE, type WatchLines } from '../../src/shared/wire';
import { signedInState } from './fixtures';

const now = async () => undefined;
const ORDERS: ListOrder[] = ['problems', 'name', 'changed', 'workspace'];
const WORKSPACES = [{ id: 'w1', name: 'Engineering' }];

/** Names whose keys tie, differ only in the second character or past it, start with digits, are empty, or hold code units past any table. */
const nameArb = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'A', 'ab', 'aB', 'a\u0000', 'a\u0000b', 'b 2', 'B 10', 'é', 'É 1', '9', '09 x', '123456789012 big', 'a\u4e00', 'a\u4e01x', 'a\uffff', 'ß'),
  fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', '0', 'é', ' ', 'ß', '\u4e00', '\u2000', '\u1fff'), maxLength: 6 }),
);
const bucketArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  name: fc.option(nameArb, { nil: undefined }),
  status: fc.option(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', 'Active', ''), { nil: undefined }),
  account: fc.option(fc.constantFrom('acc-1', 'acc-2'), { nil: undefined }),
  workspaceId: fc.option(fc.constantFrom('w1', 'w2'), { nil: undefined }),
  statusSince: fc.option(fc.constantFrom('2026-11-24T12:00:00.000Z', '2026-11-24T12:05:00.000Z'), { nil: undefined }),
});
const listArb = fc.array(bucketArb, { maxLength: 250 }) as fc.Arbitrary<BucketView[]>;

function headOf(order: ListOrder): StateSnapshot {
  const state = signedInState({ workspaces: WORKSPACES });
  return { version: 3, state: { ...state, buckets: [], settings: { ...DEFAULT_SETTINGS, listOrder: order } } };
}

/** The list fed to `indexLines` in lines of `line` buckets, as the wire's decoding does. */
async function indexedInLines(list: readonly BucketView[], order: ListOrder, line: number): Promise<void> {
  const watcher = indexLines(headOf(order));
  for (let start = 0; start < list.length; start += line) watcher.line(list.slice(start, start + line));
  await watcher.done(list, now);
}

describe('a large list indexed as its lines are parsed', () => {
  it('gives exactly the index one sort of the whole list gives, in every order, lines of any length', async () => {
    const names = workspaceNamesOf(headOf('problems').state.workspaces);
    await fc.assert(
      fc.asyncProperty(listArb, fc.constantFrom(...ORDERS), fc.integer({ min: 1, max: 60 }), async (list, order, line) => {
        const compare = comparatorFor(order);
        await indexedInLines(list, order, line);
        const built = takeIndex(list, names, compare);
        expect(built).toBeDefined();
        const place = new Map(list.map((bucket, i) => [bucket, i]));
        expect(built!.map((entry) => place.get(entry.bucket))).toEqual(indexBuckets(list, names, compare).map((entry) => place.get(entry.bucket)));
        expect(built!.map((entry) => entry.sortName)).toEqual(built!.map((entry) => indexOne(entry.bucket, names).sortName));
        if (order !== 'changed') expect(bucketsOf(built!)).toEqual(built!.map((entry) => entry.bucket));
      }),
      { numRuns: 400 },
    );
  });

  it('is kept only for the names and order it was made with, and handed over once', async () => {
    const list: BucketView[] = [{ id: 'a', name: 'A', workspaceId: 'w1' }];
    const head = headOf('problems');
    await indexedInLines(list, 'problems', 1);
    const names = workspaceNamesOf(head.state.workspaces);
    // The page asks with the names made of the same workspaces list: the very same map.
    expect(workspaceNamesOf(head.state.workspaces)).toBe(names);
    expect(takeIndex(list, new Map(names), byOrder)).toBeUndefined();
    expect(takeIndex(list, names, byName)).toBeUndefined();
    expect(takeIndex(list, names, byOrder)?.[0]?.workspaceName).toBe('Engineering');
    expect(takeIndex(list, names, byOrder)).toBeUndefined();
  });

  it('the wire indexes a list from FIRST_SCREEN_FROM on line by line, ordering it in turns before handing it on; a smaller one is left alone', async () => {
    const head = headOf('problems');
    const listOf = (count: number) => Array.from({ length: count }, (_, i): BucketView => ({ id: `id-${i}`, name: `Bucket ${(i * 7919) % count}`, status: i % 9 ? 'ONLINE' : 'OFFLINE' }));
    const seen: number[] = [];
    let turns = 0;
    const watch: WatchLines = (snapshotHead) => {
      const watcher = indexLines(snapshotHead);
      return { line: (buckets) => (seen.push(buckets.length), watcher.line(buckets)), done: (buckets, yieldTask) => watcher.done(buckets, async () => (turns++, yieldTask())) };
    };
    const large = await decodeSnapshot(eventToWire('snapshot', { ...head, state: { ...head.state, buckets: listOf(FIRST_SCREEN_FROM + 1) } }), now, watch);
    expect(seen).toEqual([...Array.from({ length: Math.floor(FIRST_SCREEN_FROM / WIRE_SLICE) }, () => WIRE_SLICE), 1]);
    expect(turns).toBeGreaterThan(0);
    // The names the page makes of the decoded state's own workspaces list.
    const built = takeIndex(large.state.buckets, workspaceNamesOf(large.state.workspaces), byOrder);
    expect(built?.map((entry) => entry.bucket)).toEqual(indexBuckets(large.state.buckets, workspaceNamesOf(large.state.workspaces)).map((entry) => entry.bucket));
    seen.length = 0;
    const small = await decodeSnapshot(eventToWire('snapshot', { ...head, state: { ...head.state, buckets: listOf(FIRST_SCREEN_FROM - WIRE_SLICE) } }), now, watch);
    expect(seen).toEqual([]);
    expect(takeIndex(small.state.buckets, workspaceNamesOf(small.state.workspaces), byOrder)).toBeUndefined();
  });
});

describe("the index's cells", () => {
  const names = new Map<string, string>();
  it('a lower cell key always means an earlier entry, and a cell knows exactly whether its members came in order', () => {
    for (const compare of [byOrder, byName]) {
      const cellOf = cellsOf(compare)!;
      fc.assert(
        fc.property(listArb, (list) => {
          const entries = list.map((bucket) => indexOne(bucket, names));
          for (let i = 1; i < entries.length; i++) {
            const [a, b] = [entries[i - 1]!, entries[i]!];
            if (cellOf(a) < cellOf(b)) expect(compare(a, b)).toBeLessThan(0);
          }
          const cells = new Cells(compare);
          for (const entry of entries) cells.add(cellOf(entry), entry);
          const inOrder = cells.inOrder();
          expect(inOrder.flatMap((cell) => cell.members)).toEqual(entries.slice().sort((a, b) => cellOf(a) - cellOf(b)));
          for (const cell of inOrder) expect(cell.ordered).toBe(cell.members.every((entry, i) => i === 0 || compare(cell.members[i - 1]!, entry) <= 0));
        }),
        { numRuns: 400 },
      );
    }
  });
});
