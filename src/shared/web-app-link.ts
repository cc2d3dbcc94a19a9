/**
 * "Open in the web app": where the Flashback web app shows one bucket. The platform does
 * not document that address, so the user gives it once, as the address of any bucket's
 * page with `{id}` where the bucket's id goes (Settings → "Bucket page in the web app").
 * Shared by main (which checks again before opening anything) and the renderer (which only
 * shows the link).
 */

const BUCKET_ID_PLACEHOLDER = '{id}';
const MAX_TEMPLATE_LENGTH = 2048;

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An https address with exactly one `{id}` in its path, query or fragment, and no credentials. */
export function isWebAppTemplate(value: string): boolean {
  if (value.length > MAX_TEMPLATE_LENGTH || /\s/.test(value)) return false;
  const parts = value.split(BUCKET_ID_PLACEHOLDER);
  if (parts.length !== 2) return false;
  const origin = parse(value.replace(BUCKET_ID_PLACEHOLDER, 'x'));
  if (!origin || origin.protocol !== 'https:' || origin.username || origin.password || !origin.hostname) return false;
  // `{id}` must come after the host: https://{id}.example/ would let a bucket id pick the host.
  return parse(parts[0]!)?.host === origin.host && parts[0]!.length > `https://${origin.host}`.length;
}

/** A bucket's page in the web app, or why it has none (a sentence for a tooltip or a notice). */
export type WebAppLink = { url: string } | { reason: string };

/** Reasons a row shows on hover, and main says when asked to open such a bucket. */
export const NO_LINK = {
  notSet: 'Add the address of a bucket’s page in Settings to open buckets in the web app.',
  notAllowed: 'The web app address in Settings must be an https address with {id} where the bucket’s id goes.',
  badCharacters: 'This bucket’s id has characters that cannot be put in a web address, so it has no web-app link.',
  dotSegment: 'A bucket whose id is “.” or “..” has no web-app link: the address would name another page.',
  elsewhere: 'This bucket’s id would make an address outside the web app, so it has no web-app link.',
} as const;

/** What the URL standard reads as "this folder" or "the folder above" when it is a whole path segment. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The bucket's page: the id encoded into the template, or why there is none. Total: any
 * string (a lone surrogate, NUL, a megabyte) gives one or the other, never an exception.
 * The link never leaves the template's https host, and when `{id}` is in the path the id
 * stays exactly the segment it was meant to be (a "." or ".." id would be resolved away).
 */
export function bucketWebAppLink(template: string, bucketId: string): WebAppLink {
  if (!template) return { reason: NO_LINK.notSet };
  if (!isWebAppTemplate(template)) return { reason: NO_LINK.notAllowed };
  let encoded: string;
  try {
    encoded = encodeURIComponent(bucketId);
  } catch {
    return { reason: NO_LINK.badCharacters }; // a lone surrogate has no UTF-8 form
  }
  if (!encoded) return { reason: NO_LINK.elsewhere };
  const [before, after] = template.split(BUCKET_ID_PLACEHOLDER) as [string, string];
  const inPath = !/[?#]/.test(before.slice(before.indexOf('//') + 2));
  if (inPath) {
    const segment = before.slice(before.lastIndexOf('/') + 1) + encoded + after.split(/[/?#]/, 1)[0]!;
    if (DOT_SEGMENT.test(segment)) return { reason: NO_LINK.dotSegment };
  }
  const url = parse(before + encoded + after);
  const expected = parse(`${before}x${after}`);
  if (!url || !expected || url.protocol !== 'https:' || url.host !== expected.host) return { reason: NO_LINK.elsewhere };
  if (inPath && url.pathname.split('/').length !== expected.pathname.split('/').length) return { reason: NO_LINK.elsewhere };
  return { url: url.href };
}

/**
 * What a user pastes is usually a real bucket page: the address with one of their own
 * bucket ids in it. That id (a path segment, or a query value) becomes `{id}`; an address
 * that already has `{id}` is kept as it is. `undefined`: no known id found in it.
 */
export function templateFromExample(address: string, isBucketId: (value: string) => boolean): string | undefined {
  if (address.includes(BUCKET_ID_PLACEHOLDER)) return address;
  const url = parse(address);
  if (!url) return undefined;
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const segments = url.pathname.split('/');
  const at = segments.findIndex((segment) => segment !== '' && isBucketId(decode(segment)));
  if (at >= 0) {
    segments[at] = BUCKET_ID_PLACEHOLDER;
    return `${url.origin}${segments.join('/')}${url.search}${url.hash}`;
  }
  for (const [name, value] of url.searchParams) {
    if (!isBucketId(value)) continue;
    const search = url.search.replace(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`, `${encodeURIComponent(name)}=${BUCKET_ID_PLACEHOLDER}`);
    if (search !== url.search) return `${url.origin}${url.pathname}${search}${url.hash}`;
  }
  return undefined;
}
