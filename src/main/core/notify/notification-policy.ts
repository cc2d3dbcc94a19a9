import { bucketKey } from '../../../shared/accounts';
import type { BucketView, Settings } from '../../../shared/contract';
import { isolate } from '../../../shared/bidi';
import { bucketDisplayName, clip, statusLabel } from '../../../shared/format';
import type { NotificationRequest } from '../../../shared/desktop';
import type { BucketChange } from './bucket-changes';
import { CHECKPOINT_EVERY, runToEnd, type SlicedWork } from '../platform/slices';
import { TouchOrder } from './touch-order';

export type { NotificationRequest } from '../../../shared/desktop';

export const FLAP_WINDOW_MS = 15 * 60 * 1000;
/** Changes of one bucket notified inside the window before it counts as flapping and goes quiet. */
const FLAP_LIMIT = 2;
/** A quieted bucket that stays calm this long is reported once more, with the state it settled on. */
export const SETTLE_MS = 5 * 60 * 1000;
const SUMMARY_LINES = 4;

/** What one notification can speak of: a change, or the final state of a bucket that stopped flapping. */
type Item = BucketChange | { type: 'settled'; bucket: BucketView; removed: boolean };

interface Quieted {
  bucket: BucketView;
  removed: boolean;
  lastAt: number;
}

/** Longest name and status a notification shows (one event carried 4 MB before these). */
export const NOTIFICATION_NAME_MAX = 80;
const NOTIFICATION_STATUS_MAX = 40;

/** Names and statuses come from the server: clipped, and isolated so a bidi control cannot reorder the sentence. */
const nameOf = (bucket: BucketView) => isolate(clip(bucketDisplayName(bucket), NOTIFICATION_NAME_MAX));
const statusOf = (status: string | undefined) => isolate(clip(statusLabel(status), NOTIFICATION_STATUS_MAX));

function describe(item: Item): string {
  const name = nameOf(item.bucket);
  switch (item.type) {
    case 'added':
      return `${name} is now available`;
    case 'removed':
      return `${name} was taken by a repository, or deleted`;
    case 'status-changed':
      return `${name}: ${statusOf(item.previousStatus)} → ${statusOf(item.status)}`;
    case 'settled':
      return item.removed ? `${name} was taken by a repository, or deleted` : `${name} settled on ${statusOf(item.bucket.status)}`;
  }
}

function single(item: Item): NotificationRequest {
  const name = nameOf(item.bucket);
  switch (item.type) {
    case 'added':
      return { title: `New bucket available: ${name}`, body: 'A mirror repository can use it now.', bucketId: bucketKey(item.bucket) };
    case 'removed':
      return { title: `${name} is no longer available`, body: 'It was taken by a repository, or deleted.' };
    case 'status-changed':
      return { title: `${name} is ${statusOf(item.status)}`, body: `It was ${statusOf(item.previousStatus)}.`, bucketId: bucketKey(item.bucket) };
    case 'settled':
      if (item.removed) return { title: `${name} is no longer available`, body: 'It kept changing, then it was taken by a repository, or deleted.' };
      return {
        title: `${name} is ${statusOf(item.bucket.status)}`,
        body: `It kept changing; it has stayed ${statusOf(item.bucket.status)} for ${SETTLE_MS / 60_000} minutes.`,
        bucketId: bucketKey(item.bucket),
      };
  }
}

export function notificationsPaused(settings: Settings, now: number): boolean {
  const until = settings.notificationsPausedUntil ? Date.parse(settings.notificationsPausedUntil) : NaN;
  return !Number.isNaN(until) && until > now;
}

/**
 * Decides what the user hears about: nothing on the baseline, one summary per poll,
 * per-kind switches, quiet while paused or switched off (and such changes do not count),
 * and a bucket that keeps flipping goes quiet until it is calm, then its final state is
 * told once. Every poll costs time in proportion to its changes, never to all buckets:
 * both maps keep their entries in order of last change, so the calm ones are found at
 * the front and dropped without a scan. A change touches its bucket's entries in place
 * (touch-order.ts): 100,000 changes a poll allocate next to nothing.
 */
export class NotificationPolicy {
  /** Bucket id → the times of its last FLAP_LIMIT notified-or-counted changes (oldest first). */
  private readonly recentChanges = new TouchOrder<number[]>();
  /** Buckets whose changes were held back as flapping, with their latest state. */
  private readonly quieted = new TouchOrder<Quieted>();

  reset(): void {
    this.recentChanges.clear();
    this.quieted.clear();
  }

  /** Call after every poll that was not a baseline, with its changes (possibly none). */
  forChanges(changes: readonly BucketChange[], settings: Settings, now: number): NotificationRequest | undefined {
    return runToEnd(this.decide(changes, settings, now));
  }

  /** `forChanges`' work, a checkpoint every few hundred changes (run it with `runInSlices` for 100,000 of them). */
  *decide(changes: readonly BucketChange[], settings: Settings, now: number): SlicedWork<NotificationRequest | undefined> {
    if (!settings.notifications.enabled || notificationsPaused(settings, now)) {
      // Nothing said, nothing counted; held-back buckets are not told later either.
      this.quieted.clear();
      return undefined;
    }
    this.forgetCalm(now);
    const items: Item[] = [];
    // Each poll's changes come in the list's order: the entries are looked up where they were last time (touch-order.ts).
    this.recentChanges.beginPass();
    this.quieted.beginPass();
    for (let i = 0; i < changes.length; i++) {
      if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
      const change = changes[i]!;
      if (!isWanted(change, settings)) continue;
      const id = change.bucket.id;
      if (this.countAndCheckFlapping(id, now)) {
        const held = this.quieted.findInPass(id);
        const removed = change.type === 'removed';
        if (held) {
          held.value.bucket = change.bucket;
          held.value.removed = removed;
          held.value.lastAt = now;
          this.quieted.touch(held);
        } else this.quieted.add(id, { bucket: change.bucket, removed, lastAt: now });
      } else {
        this.quieted.delete(id);
        items.push(change);
      }
    }
    this.recentChanges.endPass();
    this.quieted.endPass();
    this.quieted.dropWhile((_id, entry) => {
      if (now - entry.lastAt < SETTLE_MS) return false;
      items.push({ type: 'settled', bucket: entry.bucket, removed: entry.removed });
      return true;
    });
    return summarise(items);
  }

  forSessionExpired(message: string, settings: Settings, now: number): NotificationRequest | undefined {
    if (!settings.notifications.enabled || !settings.notifications.sessionExpired || notificationsPaused(settings, now)) return undefined;
    return { title: 'Flashback Tray: please sign in again', body: message, view: 'sign-in' };
  }

  /** Records the change; true when this bucket changed too often lately to be worth a notification. */
  private countAndCheckFlapping(bucketId: string, now: number): boolean {
    const entry = this.recentChanges.findInPass(bucketId);
    const recent = entry?.value ?? [];
    // The times still inside the window, kept in place (oldest first).
    let kept = 0;
    for (let i = 0; i < recent.length; i++) if (now - recent[i]! < FLAP_WINDOW_MS) recent[kept++] = recent[i]!;
    recent.length = kept;
    const flapping = kept >= FLAP_LIMIT;
    recent.push(now);
    if (recent.length > FLAP_LIMIT) recent.shift();
    if (entry) this.recentChanges.touch(entry);
    else this.recentChanges.add(bucketId, recent);
    return flapping;
  }

  /** Buckets calm for the whole window need no history; they sit at the front of the order. */
  private forgetCalm(now: number): void {
    this.recentChanges.dropWhile((_id, times) => !(now - times[times.length - 1]! < FLAP_WINDOW_MS));
  }
}

function isWanted(change: BucketChange, settings: Settings): boolean {
  // A muted bucket (the list's "Mute") is never told about, nor counted.
  if (settings.mutedBuckets.length > 0 && settings.mutedBuckets.includes(bucketKey(change.bucket))) return false;
  if (change.type === 'added') return settings.notifications.added;
  if (change.type === 'removed') return settings.notifications.removed;
  return settings.notifications.statusChanged;
}

function summarise(items: readonly Item[]): NotificationRequest | undefined {
  if (items.length === 0) return undefined;
  if (items.length === 1) return single(items[0]!);
  const lines = items.slice(0, SUMMARY_LINES).map(describe);
  if (items.length > SUMMARY_LINES) lines.push(`and ${(items.length - SUMMARY_LINES).toLocaleString('en')} more`);
  const focus = items.find((item) => item.type !== 'removed' && !(item.type === 'settled' && item.removed));
  return { title: `${items.length.toLocaleString('en')} bucket changes`, body: lines.join('\n'), bucketId: focus && bucketKey(focus.bucket) };
}
