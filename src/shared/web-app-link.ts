/**
 * "Open in the web app": where the Flashback web app shows one bucket. The platform does
 * not document that address, so the user gives it once, as the address of any bucket's
 * page with `{id}` where the bucket's id goes (Settings → "Bucket page in the web app").
 * Shared by main (which checks again before opening anything) and the renderer (which only
 * shows the link).
 */

export const BUCKET_ID_PLACEHOLDER = '{id}';
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

/**
 * The bucket's page: the id encoded into the template. `undefined` when the template is not
 * set or not allowed, or when the result would leave the template's own https host.
 */
export function bucketWebAppUrl(template: string, bucketId: string): string | undefined {
  if (!template || !bucketId || !isWebAppTemplate(template)) return undefined;
  const url = parse(template.replace(BUCKET_ID_PLACEHOLDER, encodeURIComponent(bucketId)));
  const expected = parse(template.replace(BUCKET_ID_PLACEHOLDER, 'x'));
  if (!url || !expected || url.protocol !== 'https:' || url.host !== expected.host) return undefined;
  return url.href;
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
