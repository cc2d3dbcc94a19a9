/** Words and numbers both the tray (main) and the popover (renderer) show. Pure functions. */
import type { Bucket, SyncError } from './domain';

type StatusTone = 'ok' | 'bad' | 'warn' | 'unknown';

/** ONLINE (and ACTIVE, which repository pages use) is fine; anything else is a problem worth a look. */
export function statusTone(status: string | undefined): StatusTone {
  // The API's own spelling first: no upper-cased copy per bucket on the lists' hot paths.
  if (status === 'ONLINE') return 'ok';
  if (status === 'OFFLINE') return 'bad';
  if (status === 'DISCONNECTED') return 'warn';
  switch ((status ?? '').toUpperCase()) {
    case 'ONLINE':
    case 'ACTIVE':
      return 'ok';
    case 'OFFLINE':
      return 'bad';
    case 'DISCONNECTED':
      return 'warn';
    default:
      return 'unknown';
  }
}

export function isProblem(bucket: Bucket): boolean {
  return statusTone(bucket.status) !== 'ok';
}

export function statusLabel(status: string | undefined): string {
  if (status === 'ONLINE' || status === 'OFFLINE' || status === 'DISCONNECTED') return status;
  return status && status.trim() ? status.toUpperCase() : 'UNKNOWN';
}

const STORAGE_TYPE_LABELS: Record<string, string> = { S3: 'S3', GCS: 'GCS', BLOB: 'Azure Blob', AZURE: 'Azure Blob' };

export function storageTypeLabel(storageType: string | undefined): string {
  if (!storageType) return 'Unknown';
  return STORAGE_TYPE_LABELS[storageType.toUpperCase()] ?? storageType;
}

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`; short keys show only their first two characters. */
export function maskKey(key: string | undefined): string {
  if (!key) return '';
  if (key.length <= 8) return `${key.slice(0, 2)}…`;
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/**
 * "just now", "40 s ago", "5 min ago", "3 h ago", "2 days ago". Never in the future tense:
 * a time ahead of this computer's clock (the server's clock runs fast) is "just now".
 */
export function relativeTime(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 5) return 'just now';
  return `${duration(seconds)} ago`;
}

/** The next whole-second count, upwards, at which `duration` reads differently. */
function nextLabelUp(s: number): number {
  if (s < 5) return 5; // "just now" ends
  if (s < 60) return s + 1;
  const m = Math.round(s / 60);
  if (m < 60) return 60 * m + 30;
  const h = Math.round(s / 3600);
  if (h < 48) return 3600 * h + 1800;
  return 86400 * Math.round(s / 86400) + 43200;
}

/** The next whole-second count, downwards, at which `duration` reads differently. */
function nextLabelDown(s: number): number {
  if (s <= 60) return s - 1;
  const m = Math.round(s / 60);
  if (m < 60) return Math.max(60 * m - 31, 59);
  const h = Math.round(s / 3600);
  if (h < 48) return Math.max(3600 * h - 1801, 3569);
  return Math.max(86400 * Math.round(s / 86400) - 43201, 170_999);
}

/** Milliseconds until `relativeTime(iso, now)` reads differently; undefined when it shows nothing. */
export function msUntilRelativeTimeChanges(iso: string | undefined, now: number): number | undefined {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return undefined;
  const elapsed = now - at;
  const next = nextLabelUp(Math.max(0, Math.round(elapsed / 1000)));
  return Math.max(1, Math.ceil((next - 0.5) * 1000 - elapsed));
}

/** Milliseconds until a countdown to `iso` ("Retrying in 2 min.") reads differently; undefined once it says "now". */
export function msUntilCountdownChanges(iso: string | undefined, now: number): number | undefined {
  const at = iso ? Date.parse(iso) : NaN;
  const remaining = at - now;
  if (Number.isNaN(remaining) || remaining <= 1000) return undefined;
  const next = nextLabelDown(Math.round(remaining / 1000));
  return Math.max(1, Math.floor(remaining - (next + 0.5) * 1000) + 1);
}

/** The time of day in the user's locale ("23:07", or "11:07 PM" where clocks have 12 hours): one form everywhere. */
const timeFormats = (locale?: string) => ({
  time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
  day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
});
const USER_FORMATS = timeFormats();

/** A moment as a time of day (local time, the user's locale); see `clockTime` for other days. */
export function timeOfDay(iso: string | number, locale?: string): string {
  return (locale ? timeFormats(locale) : USER_FORMATS).time.format(new Date(iso));
}

/**
 * "15:00" today, "tomorrow 00:30", "yesterday 23:50", else "27 Nov 08:00" (local time, the
 * user's locale): when a pause ends, when a change happened.
 */
export function clockTime(iso: string, now: number, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const formats = locale ? timeFormats(locale) : USER_FORMATS;
  const time = formats.time.format(at);
  const dayDiff = Math.round((startOfDay(at) - startOfDay(new Date(now))) / 86_400_000);
  if (dayDiff === 0) return time;
  if (dayDiff === 1) return `tomorrow ${time}`;
  if (dayDiff === -1) return `yesterday ${time}`;
  return `${formats.day.format(at)} ${time}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(s / 3600);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(s / 86400)} days`;
}

/** What happens next after an error, in words: "Retrying in 2 min." */
export function nextStep(error: SyncError, now: number): string {
  if (error.kind === 'auth') {
    const ms = error.retryAt ? Date.parse(error.retryAt) - now : NaN;
    return ms > 1000 ? `Sign in again; otherwise it tries again in ${duration(ms / 1000)}.` : 'Sign in again to resume updates.';
  }
  if (!error.retryAt) return 'Use Refresh to try again.';
  const ms = Date.parse(error.retryAt) - now;
  return ms <= 1000 ? 'Retrying now.' : `Retrying in ${duration(ms / 1000)}.`;
}

export interface BucketCounts {
  available: number;
  problems: number;
  offline: number;
}

export function countBuckets(buckets: readonly Bucket[]): BucketCounts {
  let problems = 0;
  let offline = 0;
  for (const b of buckets) {
    const tone = statusTone(b.status);
    if (tone !== 'ok') problems++;
    if (tone === 'bad') offline++;
  }
  return { available: buckets.length, problems, offline };
}

/**
 * ["12 buckets", "3 need attention"]: the problems counted as the "Needs attention" filter
 * lists them (offline ones included), so the header and the filter never disagree.
 */
export function countsParts(counts: BucketCounts): string[] {
  const parts = [`${counts.available} bucket${counts.available === 1 ? '' : 's'}`];
  if (counts.problems) parts.push(`${counts.problems} need${counts.problems === 1 ? 's' : ''} attention`);
  return parts;
}

/** "12 buckets · 3 need attention" */
export function countsSummary(counts: BucketCounts): string {
  return countsParts(counts).join(' · ');
}

export function bucketDisplayName(bucket: Bucket): string {
  return bucket.name?.trim() || bucket.bucket?.trim() || bucket.id;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15 Jan 2024" (UTC), or '' when the date is missing or unreadable. */
export function shortDate(iso: string | undefined): string {
  const month = monthYear(iso);
  return month && `${new Date(iso!).getUTCDate()} ${month}`;
}

/** "Jan 2024" (UTC): enough to tell old from new at a glance. */
export function monthYear(iso: string | undefined): string {
  const at = iso ? new Date(iso) : undefined;
  if (!at || Number.isNaN(at.getTime())) return '';
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/** At most `max` characters of a text from the server (tooltips, labels): a 10,000-character name stays readable. */
export function clip(text: string, max = 300): string {
  if (text.length <= max) return text;
  // Never half of a character: a cut between a surrogate pair's halves would leave a lone one.
  const end = max > 0 && /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
