// What people wait for in the popover at 100,000 buckets, each beside its floor measured in
// the same run: typing a search (real key presses), the first list until the whole list is
// usable, a poll's 20-change patch and a poll where every status flipped; with the longest page
// task on the way.
import type { Page } from '@playwright/test';
import type { BucketView } from '../../src/shared/contract';
import { diffBuckets } from '../../src/main/core/view/bucket-diff';
import { eventToWire } from '../../src/shared/wire';
import { floorPage } from './floor-page';
import { installTiming, typeQueries, type Timing } from './page-timing';
import { emptyState, freshPage, launchChromium, withSince } from './renderer';
import { fromRuns, type Result } from './report';

/** Narrowing queries on the generated names (`archive-gcs-1…`): each key narrows the last result. */
const QUERIES = ['archive-gcs-1', 'photos-s3-42', 'logs-blob-9'];
const FIRST_RUNS = 9;
const ALL_STATUS_POLLS = 3;

type Snapshot = { version: number; state: typeof emptyState };

/** Hands the page `text` in a task of its own, so Playwright's argument handling is outside what is measured. */
async function stage(page: Page, text: string): Promise<void> {
  await page.evaluate((incoming) => void ((window as unknown as Timing).__incoming = incoming), text);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** The app's page: main's wire text for the snapshot, to the frame where the whole list is usable (not busy). */
async function appFirstList(page: Page, snapshot: Snapshot): Promise<{ complete: number; longest: number }> {
  await installTiming(page);
  await stage(page, eventToWire('snapshot', snapshot));
  return page.evaluate(async () => {
    const w = window as unknown as Timing & { __sendSnapshotText(text: string): void };
    const start = performance.now();
    w.__sendSnapshotText(w.__incoming);
    const complete = await w.__untilShown(start);
    return { complete, longest: await w.__longestSince(start) };
  });
}

/** The floor: the snapshot's JSON parsed, sorted by name and 48 rows drawn. */
async function floorFirstList(page: Page, snapshot: Snapshot): Promise<number> {
  await installTiming(page);
  await stage(page, JSON.stringify(snapshot));
  return page.evaluate(async () => {
    const w = window as unknown as Timing & { __floorFirst(text: string): void };
    const start = performance.now();
    w.__floorFirst(w.__incoming);
    return w.__untilShown(start);
  });
}

/** 15 patches of 20 changed buckets each, each to the frame that shows it; and the longest task meanwhile. */
async function patches(page: Page, buckets: readonly BucketView[]): Promise<{ times: number[]; longest: number }> {
  const sample = buckets.filter((_, i) => i % 211 === 0);
  return page.evaluate(async (list) => {
    const w = window as unknown as Timing & { __patch(patch: unknown): void };
    const times: number[] = [];
    const from = performance.now();
    let version = 2;
    for (let round = 0; round < 15; round++) {
      const upsert = Array.from({ length: 20 }, (_, i) => {
        const bucket = list[(round * 20 + i) % list.length]!;
        return { ...bucket, status: round % 2 ? 'ONLINE' : 'OFFLINE', previousStatus: bucket.status, statusSince: new Date().toISOString() };
      });
      const start = performance.now();
      w.__patch({ base: version, version: ++version, buckets: { upsert, remove: [] } });
      times.push(await w.__untilShown(start));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { times, longest: await w.__longestSince(from) };
  }, sample);
}

/**
 * A poll where every one of the 100,000 statuses flipped, as main sends it: the patch the
 * core's own diff makes of the list the page holds and the same list with every status
 * flipped (view/bucket-diff.ts: their ids, grouped by the new status), in main's wire text,
 * to the frame where the whole list is usable again; and the longest task meanwhile.
 */
async function allStatusPatch(page: Page, buckets: readonly BucketView[], version: number): Promise<{ time: number; longest: number; flipped: BucketView[] }> {
  const since = new Date().toISOString();
  const flipped = buckets.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE', previousStatus: bucket.status, statusSince: since }));
  const patch = { base: version, version: version + 1, buckets: diffBuckets(buckets, flipped) };
  if (!patch.buckets.moved || patch.buckets.upsert.length > 0) throw new Error('the core sent no status moves for a list whose statuses all flipped');
  await stage(page, eventToWire('patch', patch));
  const measured = await page.evaluate(async (next) => {
    const w = window as unknown as Timing & { __sendPatchText(text: string, version: number): void };
    const start = performance.now();
    w.__sendPatchText(w.__incoming, next);
    const time = await w.__untilShown(start);
    return { time, longest: await w.__longestSince(start) };
  }, patch.version);
  return { ...measured, flipped };
}

export async function benchRendererReal(): Promise<Result[]> {
  const browser = await launchChromium();
  const how = `Chromium ${browser.version()} headless, 380×520, the built renderer`;
  try {
    const buckets = withSince(100_000, 2);
    const snapshot: Snapshot = { version: 2, state: { ...emptyState, buckets } };
    const complete: number[] = [];
    const longest: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < FIRST_RUNS; run++) {
      const page = await freshPage(browser);
      const first = await appFirstList(page, snapshot);
      complete.push(first.complete);
      longest.push(first.longest);
      await page.close();
      const bare = await floorPage(browser);
      floor.push(await floorFirstList(bare, snapshot));
      await bare.close();
    }

    const page = await freshPage(browser);
    await appFirstList(page, snapshot);
    const patched = await patches(page, buckets);
    await page.waitForTimeout(500); // a person sees the list before typing
    const searchFrom = await page.evaluate(() => performance.now());
    const typed = await typeQueries(page, QUERIES);
    const searchLongest = await page.evaluate((from) => (window as unknown as Timing).__longestSince(from), searchFrom);
    await page.close();

    // Every status flipped, three polls in a row, on a page that shows the first list (2 + 1 per poll).
    const flips = await freshPage(browser);
    await appFirstList(flips, snapshot);
    const allStatus: { time: number; longest: number }[] = [];
    let held: readonly BucketView[] = buckets;
    for (let poll = 0; poll < ALL_STATUS_POLLS; poll++) {
      await flips.waitForTimeout(300);
      const flipped = await allStatusPatch(flips, held, 2 + poll);
      allStatus.push(flipped);
      held = flipped.flipped;
    }
    await flips.close();

    const bare = await floorPage(browser);
    await installTiming(bare);
    await stage(bare, JSON.stringify(snapshot));
    await bare.evaluate(() => (window as unknown as { __floorLoad(text: string): void; __incoming: string }).__floorLoad((window as unknown as Timing).__incoming));
    const floorTyped = await typeQueries(bare, QUERIES);
    await bare.close();

    const keys = `${QUERIES.map((q) => `“${q}”`).join(', ')} typed from an empty box (${floorTyped.length} key presses, Playwright keyboard, 120 ms apart, starting 0.5 s after the list is usable), each from the key's event timestamp to the end of the first frame whose list shows the query's result (not busy, first rows match)`;
    return [
      fromRuns({ id: 'keystroke-100k-real', metric: 'real key press to painted result, 100,000 buckets, narrowing queries', unit: 'ms', target: { max: 33 }, floor: { id: 'floor-keystroke-100k', maxRatio: 1.5 }, how: `${how}: ${keys}; longest page task while typing ${searchLongest.toFixed(0)} ms` }, typed),
      fromRuns({ id: 'floor-keystroke-100k', metric: 'floor: bare Preact page, one Array.filter per key, 48 rows', unit: 'ms', how: `${how}, a bare Preact page (scripts/bench/floor-page.ts) holding the same 100,000 buckets with their search text made beforehand: one Array.filter over them per key, 48 rows; same keys, same timing` }, floorTyped),
      fromRuns({ id: 'render-complete-100k', metric: 'first list of 100,000 buckets until the whole list is usable', unit: 'ms', floor: { id: 'floor-render-100k', maxRatio: 1.5 }, how: `${how}: main's wire text for the snapshot handed to the bridge → the end of the first frame whose list is no longer aria-busy (whole list decoded, indexed, sorted), ${FIRST_RUNS} fresh pages` }, complete),
      fromRuns({ id: 'floor-render-100k', metric: 'floor: parse, sort by name, 48 rows, 100,000 buckets', unit: 'ms', how: `${how}, the bare Preact page: JSON.parse of the snapshot, one sort by lower-case name, 48 rows, to the end of the frame, ${FIRST_RUNS} fresh pages` }, floor),
      fromRuns({ id: 'longest-task-first-100k', metric: 'longest page task while a first list of 100,000 arrives and is indexed', unit: 'ms', target: { max: 50 }, how: `${how}: the Long Tasks API (tasks over 50 ms; 0: none) during render-complete-100k's span, ${FIRST_RUNS} fresh pages` }, longest),
      fromRuns({ id: 'patch-all-status-100k-page', metric: 'a poll where all 100,000 statuses flipped, 100,000 shown', unit: 'ms', how: `${how}: main's wire text for the patch the core's diff makes (the buckets' ids grouped by new status) handed to the bridge → the end of the first frame whose list is usable (not busy), ${ALL_STATUS_POLLS} polls in a row` }, allStatus.map((poll) => poll.time)),
      fromRuns({ id: 'longest-task-patch-all-100k', metric: 'longest page task while that patch is applied and indexed', unit: 'ms', target: { max: 50 }, how: `${how}: the Long Tasks API (tasks over 50 ms; 0: none) during each of those polls` }, allStatus.map((poll) => poll.longest)),
      fromRuns({ id: 'patch-20-100k-page', metric: 'a patch of 20 changed buckets, 100,000 shown', unit: 'ms', target: { max: 16 }, how: `${how}: patch event (JSON text) → the end of the frame that shows it, 15 patches of 20 changes, 50 ms apart; longest page task over them ${patched.longest.toFixed(0)} ms` }, patched.times),
    ];
  } finally {
    await browser.close();
  }
}
