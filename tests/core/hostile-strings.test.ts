import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trayModel } from '../../src/main/core/desktop/tray-model';
import { openBucketInWebApp } from '../../src/main/core/desktop/web-app-opener';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import { NotificationPolicy } from '../../src/main/core/notify/notification-policy';
import { formatLogLine } from '../../src/main/core/platform/logger';
import { bucketKey } from '../../src/shared/accounts';
import { isolate } from '../../src/shared/bidi';
import { byOrder, firstScreen, leadOf, nameKey, orderEntry } from '../../src/shared/bucket-order';
import { DEFAULT_SETTINGS, type AppState, type BucketView } from '../../src/shared/contract';
import { bucketDisplayName, clip, maskKey, monthYear, msUntilRelativeTimeChanges, relativeTime, shortDate, statusLabel, statusTone, storageTypeLabel } from '../../src/shared/format';
import { bucketWebAppLink, NO_LINK } from '../../src/shared/web-app-link';
import { eventToWire } from '../../src/shared/wire';
import { hostileBucket, hostileString, isWellFormed, MEGABYTE, SPECIAL_STRINGS } from '../hostile-strings';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const PATH = 'https://platform.example/buckets/{id}/overview';
const TEMPLATES = [PATH, 'https://platform.example/b?tab=1&id={id}', 'https://platform.example/app#/b/{id}', 'https://platform.example/b/.{id}', 'https://platform.example/b/x-{id}.html'];

describe('a web-app link for any bucket id', () => {
  it('is a link or a reason, never an exception, for any string, and a link always names exactly that id on the template’s host', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), hostileString, (template, id) => {
        const link = bucketWebAppLink(template, id);
        if ('reason' in link) {
          expect(Object.values(NO_LINK)).toContain(link.reason);
          return;
        }
        const url = new URL(link.url);
        expect(url.origin).toBe('https://platform.example');
        if (template === PATH) {
          expect(url.pathname.startsWith('/buckets/') && url.pathname.endsWith('/overview')).toBe(true);
          expect(decodeURIComponent(url.pathname.slice('/buckets/'.length, -'/overview'.length))).toBe(id);
        } else if (template.includes('?')) {
          expect(url.pathname).toBe('/b');
          expect(url.searchParams.get('id')).toBe(id);
        } else if (template.includes('#')) {
          expect(decodeURIComponent(url.hash.slice('#/b/'.length))).toBe(id);
        } else {
          expect(url.pathname.split('/')).toHaveLength(3);
        }
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  it('has none for a lone surrogate, and says why (it used to throw URIError and blank the list)', () => {
    expect(bucketWebAppLink(PATH, 'sur\ud800rogate')).toEqual({ reason: NO_LINK.badCharacters });
    expect(bucketWebAppLink(PATH, '\udc00')).toEqual({ reason: NO_LINK.badCharacters });
    expect(bucketWebAppLink(PATH, 'ok \ud83d\ude00')).toEqual({ url: 'https://platform.example/buckets/ok%20%F0%9F%98%80/overview' });
  });

  it('never leaves the bucket path for "." and ".." ids (whole segments), and keeps them where they are harmless', () => {
    expect(bucketWebAppLink(PATH, '..')).toEqual({ reason: NO_LINK.dotSegment });
    expect(bucketWebAppLink(PATH, '.')).toEqual({ reason: NO_LINK.dotSegment });
    expect(bucketWebAppLink('https://platform.example/b/.{id}', '.')).toEqual({ reason: NO_LINK.dotSegment });
    expect(bucketWebAppLink('https://platform.example/b/{id}', '...')).toEqual({ url: 'https://platform.example/b/...' });
    expect(bucketWebAppLink('https://platform.example/b/{id}', '%2e%2e')).toEqual({ url: 'https://platform.example/b/%252e%252e' });
    expect(bucketWebAppLink('https://platform.example/b?id={id}', '..')).toEqual({ url: 'https://platform.example/b?id=..' });
    expect(bucketWebAppLink('https://platform.example/b/x-{id}', '..')).toEqual({ url: 'https://platform.example/b/x-..' });
  });

  it('is refused by main with the same reason, not UNEXPECTED', async () => {
    const settings = { ...DEFAULT_SETTINGS, webAppBucketUrl: PATH };
    const opened: string[] = [];
    for (const id of ['sur\ud800rogate', '..']) {
      await expect(openBucketInWebApp(settings, [{ id }], id, (url) => void opened.push(url))).rejects.toMatchObject({ name: 'CommandRefused', code: 'WEB_APP_NO_LINK' });
    }
    expect(opened).toEqual([]);
  });
});

describe('every per-row derivation from server data is total', () => {
  it('labels, keys, times, sort keys, tones and clips never throw, whatever the strings', () => {
    fc.assert(
      fc.property(hostileBucket, hostileBucket, hostileString, fc.integer({ min: 0, max: 400 }), (a, b, text, max) => {
        for (const bucket of [a, b]) {
          expect(typeof bucketDisplayName(bucket)).toBe('string');
          expect(typeof statusLabel(bucket.status)).toBe('string');
          expect(['ok', 'bad', 'warn', 'unknown']).toContain(statusTone(bucket.status));
          expect(typeof storageTypeLabel(bucket.storageType)).toBe('string');
          expect(maskKey(bucket.key).length).toBeLessThanOrEqual(9);
          expect(typeof relativeTime(bucket.statusSince, NOW)).toBe('string');
          const wait = msUntilRelativeTimeChanges(bucket.statusSince, NOW);
          expect(wait === undefined || wait >= 1).toBe(true);
          expect(typeof (shortDate(bucket.createdAt) + monthYear(bucket.createdAt))).toBe('string');
          expect(leadOf(bucketDisplayName(bucket))).toBe(nameKey(bucketDisplayName(bucket)).charCodeAt(0) || 0);
          expect(bucketKey(bucket).endsWith(bucket.id)).toBe(true);
        }
        const order = byOrder(orderEntry(a), orderEntry(b));
        expect(Math.sign(order)).toBe(-Math.sign(byOrder(orderEntry(b), orderEntry(a))));
        const clipped = clip(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max + 1);
        if (isWellFormed(text)) expect(isWellFormed(clipped)).toBe(true);
        expect(isolate(text).includes(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('a first screen of hostile names is the same as the full order’s first rows', () => {
    fc.assert(
      fc.property(fc.array(hostileBucket, { maxLength: 60 }), (list) => {
        const unique = [...new Map(list.map((bucket) => [bucketKey(bucket), bucket])).values()];
        const sorted = unique.map(orderEntry).sort(byOrder).map((entry) => entry.bucket);
        expect(firstScreen(unique, 10).rows).toEqual(sorted.slice(0, 10));
      }),
      { numRuns: 300 },
    );
  });

  it('a megabyte name, status or id is handled in well under a second', () => {
    const bucket: BucketView = { id: `${MEGABYTE}\ud800`, name: `${MEGABYTE}\u202e`, status: MEGABYTE, createdAt: MEGABYTE, statusSince: MEGABYTE };
    const started = performance.now();
    bucketDisplayName(bucket);
    nameKey(bucket.name!);
    statusLabel(bucket.status);
    relativeTime(bucket.statusSince, NOW);
    monthYear(bucket.createdAt);
    expect(bucketWebAppLink(PATH, bucket.id)).toEqual({ reason: NO_LINK.badCharacters });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('what main makes of hostile buckets', () => {
  const state = (buckets: BucketView[]): AppState => ({
    auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
    buckets,
    workspaces: [],
    sync: { phase: 'idle', stale: false, inFlight: false },
    settings: { ...DEFAULT_SETTINGS, webAppBucketUrl: PATH },
    notices: [],
    update: { kind: 'idle' },
    accounts: [],
    currentAccount: 'primary',
    draft: null,
  });

  it('changes, notifications, tray menus, log lines and the wire never throw', () => {
    fc.assert(
      fc.property(fc.array(hostileBucket, { maxLength: 8 }), fc.array(hostileBucket, { maxLength: 8 }), (first, second) => {
        const tracker = new BucketTracker();
        const policy = new NotificationPolicy();
        const settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, enabled: true, added: true, removed: true, statusChanged: true } };
        tracker.update(first, new Date(NOW).toISOString());
        const { changes, views } = tracker.update(second, new Date(NOW + 60_000).toISOString());
        const note = policy.forChanges(changes, settings, NOW + 60_000);
        if (note) expect(typeof (note.title + note.body)).toBe('string');
        const tray = trayModel(state(views), { now: NOW, platform: 'win32', launchAtLoginSupported: true });
        expect(tray.tooltip.length).toBeLessThanOrEqual(127);
        expect(typeof eventToWire('snapshot', { version: 1, state: state(views) })).toBe('string');
        for (const bucket of second) expect(typeof formatLogLine('warn', `bucket ${bucket.id}`, new Error(bucket.status), new Date(NOW))).toBe('string');
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('every special string is handled as an id and as a status', () => {
    for (const text of SPECIAL_STRINGS.filter((value) => value.trim() !== '')) {
      const tracker = new BucketTracker();
      tracker.update([{ id: text, status: 'ONLINE' }], new Date(NOW).toISOString());
      const { changes } = tracker.update([{ id: text, status: text }], new Date(NOW + 1).toISOString());
      expect(changes).toHaveLength(text === 'ONLINE' ? 0 : 1);
    }
  });
});
