import type { Settings } from '../../shared/contract';
import { bucketDisplayName, statusLabel } from '../../shared/format';
import type { NotificationRequest } from '../../shared/desktop';
import type { BucketChange } from './bucket-changes';

export type { NotificationRequest } from '../../shared/desktop';

export const FLAP_WINDOW_MS = 15 * 60 * 1000;
/** Changes of one bucket notified inside the window before it counts as flapping and goes quiet. */
export const FLAP_LIMIT = 2;
const SUMMARY_LINES = 4;

function describe(change: BucketChange): string {
  const name = bucketDisplayName(change.bucket);
  switch (change.type) {
    case 'added':
      return `${name} is now available`;
    case 'removed':
      return `${name} is no longer available`;
    case 'status-changed':
      return `${name}: ${statusLabel(change.previousStatus)} → ${statusLabel(change.status)}`;
  }
}

function single(change: BucketChange): NotificationRequest {
  const name = bucketDisplayName(change.bucket);
  switch (change.type) {
    case 'added':
      return { title: `New bucket available: ${name}`, body: 'A mirror repository can use it now.', bucketId: change.bucket.id };
    case 'removed':
      return { title: `${name} is no longer available`, body: 'A mirror repository took it, or it was deleted.' };
    case 'status-changed':
      return {
        title: `${name} is ${statusLabel(change.status)}`,
        body: `It was ${statusLabel(change.previousStatus)}.`,
        bucketId: change.bucket.id,
      };
  }
}

export function notificationsPaused(settings: Settings, now: number): boolean {
  const until = settings.notificationsPausedUntil ? Date.parse(settings.notificationsPausedUntil) : NaN;
  return !Number.isNaN(until) && until > now;
}

/**
 * Decides what the user hears about: nothing on the baseline, one summary per poll,
 * per-kind switches, quiet while paused, and a bucket that keeps flipping goes quiet
 * until it has been calm for the flap window.
 */
export class NotificationPolicy {
  private readonly recentChanges = new Map<string, number[]>();

  reset(): void {
    this.recentChanges.clear();
  }

  forChanges(changes: readonly BucketChange[], settings: Settings, now: number): NotificationRequest | undefined {
    const wanted = changes.filter((change) => this.isWanted(change, settings) && !this.isFlapping(change.bucket.id, now));
    if (!settings.notifications.enabled || notificationsPaused(settings, now) || wanted.length === 0) return undefined;
    if (wanted.length === 1) return single(wanted[0]!);
    const lines = wanted.slice(0, SUMMARY_LINES).map(describe);
    if (wanted.length > SUMMARY_LINES) lines.push(`and ${wanted.length - SUMMARY_LINES} more`);
    const focus = wanted.find((change) => change.type !== 'removed');
    return { title: `${wanted.length} bucket changes`, body: lines.join('\n'), bucketId: focus?.bucket.id };
  }

  forSessionExpired(message: string, settings: Settings, now: number): NotificationRequest | undefined {
    if (!settings.notifications.enabled || !settings.notifications.sessionExpired || notificationsPaused(settings, now)) return undefined;
    return { title: 'Flashback Tray: please sign in again', body: message, view: 'sign-in' };
  }

  private isWanted(change: BucketChange, settings: Settings): boolean {
    if (change.type === 'added') return settings.notifications.added;
    if (change.type === 'removed') return settings.notifications.removed;
    return settings.notifications.statusChanged;
  }

  /** Records the change and says whether this bucket changed too often lately to be worth a notification. */
  private isFlapping(bucketId: string, now: number): boolean {
    if (this.recentChanges.size > 5000) this.forgetCalmBuckets(now);
    const recent = (this.recentChanges.get(bucketId) ?? []).filter((at) => now - at < FLAP_WINDOW_MS);
    const flapping = recent.length >= FLAP_LIMIT;
    recent.push(now);
    this.recentChanges.set(bucketId, recent);
    return flapping;
  }

  /** Buckets that have been calm for the whole window (or are gone) need no history. */
  private forgetCalmBuckets(now: number): void {
    for (const [id, times] of this.recentChanges) if (now - times[times.length - 1]! >= FLAP_WINDOW_MS) this.recentChanges.delete(id);
  }
}
