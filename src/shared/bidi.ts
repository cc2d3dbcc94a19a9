/**
 * Text from the server (bucket names, statuses) placed inside our own sentences. A name
 * holding a right-to-left override (U+202E) or right-to-left letters could otherwise
 * reorder the words around it ("Backups is OFFLINE" shown as "ENILFFO si …"). Wrapping it
 * in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE confines its direction to itself; the
 * closing PDI also ends any embedding or override the name left open.
 */
const FSI = '\u2068';
const PDI = '\u2069';

/** Bidi controls (embeddings, overrides, isolates, marks) and right-to-left scripts. */
const NEEDS_ISOLATION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/** The text as is when it cannot disturb the sentence, isolated when it could. */
export function isolate(text: string): string {
  return NEEDS_ISOLATION.test(text) ? `${FSI}${text}${PDI}` : text;
}
