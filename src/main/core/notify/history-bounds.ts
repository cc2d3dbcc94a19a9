import type { StatusChangeRecord } from '../../../shared/contract';
import { clip } from '../../../shared/format';

/**
 * What the status history keeps of what the server sends, and how large its file may grow.
 * Statuses are the server's strings (one was 256 KB): each is kept to its first 200
 * characters; an id longer than 256 characters is kept as its first 200 and a hash of the
 * whole, so two long ids stay apart. The file, counted to the byte before it is written,
 * stays under 2 MB (the oldest changes go first), which also bounds start-up's read: reading
 * and parsing a full file must fit in 100 ms (bench row `history-load-full`); 5 MB took
 * 160 ms on a 2-core VM, most of it `JSON.parse`, so the budget is what keeps the read short.
 * 2 MB is about 30,000 changes: a hundred per bucket for 300 buckets.
 */
export const HISTORY_MAX_BYTES = 2_000_000;
export const HISTORY_TEXT_MAX = 200;
const HISTORY_ID_MAX = 256;
/**
 * A file larger than this was not written by these rules: it is set aside unread (reading it
 * could take seconds and a gigabyte). Older releases' files (5 MB, or before any byte bound
 * about 10 MB) are still read once, and trimmed to the budget.
 */
export const HISTORY_FILE_READ_MAX = 20_000_000;

/** `{"v":1,"accounts":{` … `}}` */
export const FILE_OVERHEAD = 21;

/**
 * At most `max` characters of a server string that is kept (in the history, in the state),
 * as a string of its own: V8 makes a slice of a long string point into it, so a clipped
 * 1 MB status would keep the whole megabyte alive. A JSON round trip copies it exactly
 * (lone surrogates included).
 */
function keptText(text: string, max: number): string {
  return text.length <= max ? text : (JSON.parse(JSON.stringify(clip(text, max))) as string);
}

/** A status as the history keeps it. */
export function historyText(text: string): string {
  return keptText(text, HISTORY_TEXT_MAX);
}

/** FNV-1a over the UTF-16 code units, 32 bits, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The key a bucket's changes are kept under: its id, or for a very long id its start and a 64-bit hash. */
export function historyKey(id: string): string {
  return id.length <= HISTORY_ID_MAX ? id : `${clip(id, 200)}#${fnv1a(id, 0x811c9dc5)}${fnv1a(id, 0x050c5d1f)}`;
}

/** Printable ASCII without `"` and `\`: its JSON is itself in quotes. */
// eslint-disable-next-line no-control-regex
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Bytes of the string's JSON (quotes included), as UTF-8: what `JSON.stringify` writes, counted without making it. */
function jsonBytes(text: string): number {
  if (PLAIN.test(text)) return text.length + 2;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one character of four bytes
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) bytes += 6; // a lone surrogate is written as \udxxx
    else bytes += 3;
  }
  return bytes;
}

/** An entry's bytes in the file, with the comma that may follow it. */
export function entryBytes(entry: StatusChangeRecord): number {
  // {"at":…,"kind":"…"} and a comma; a time as toISOString writes it is 24 plain characters.
  let bytes = 6 + (entry.at.length === 24 ? 26 : jsonBytes(entry.at)) + 8 + entry.kind.length + 2 + 1 + 1;
  if (entry.from !== undefined) bytes += 8 + jsonBytes(entry.from);
  if (entry.to !== undefined) bytes += 6 + jsonBytes(entry.to);
  return bytes;
}

/** A key's bytes in the file (an account's or a bucket's): `"key":{` or `"key":[`, the closing bracket, a comma. */
export function keyBytes(key: string): number {
  return jsonBytes(key) + 4;
}

const KINDS = new Set(['status', 'added', 'removed']);

/** A time as `toISOString` writes it (what this app saves): no need to parse it to know it. */
const CANONICAL_AT = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function fieldCount(value: object): number {
  let count = 0;
  for (const _ in value) count++;
  return count;
}

/** A saved entry as this app keeps it (time in one form, statuses clipped), or undefined when it is not one. */
export function savedEntry(value: unknown): StatusChangeRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { at, kind, from, to } = value as Record<string, unknown>;
  if (typeof at !== 'string' || typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  if ((from !== undefined && typeof from !== 'string') || (to !== undefined && typeof to !== 'string')) return undefined;
  let iso = at;
  if (!CANONICAL_AT.test(at)) {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) return undefined;
    iso = new Date(ms).toISOString();
  }
  // What this app wrote comes back as it was: kept as parsed, without a copy.
  if (iso === at && (from === undefined || from.length <= HISTORY_TEXT_MAX + 1) && (to === undefined || to.length <= HISTORY_TEXT_MAX + 1) && fieldCount(value) === 2 + Number(from !== undefined) + Number(to !== undefined)) {
    return value as StatusChangeRecord;
  }
  const entry: StatusChangeRecord = { at: iso, kind: kind as StatusChangeRecord['kind'] };
  if (from !== undefined) entry.from = historyText(from);
  if (to !== undefined) entry.to = historyText(to);
  return entry;
}
