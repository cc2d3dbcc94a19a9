import { bucketWebAppLink, isWebAppTemplate, type WebAppLink } from './web-app-link';

export { DEFAULT_WEB_APP_URL } from './contract';

/** The two settings that say where "Open in web app" goes. */
export interface WebAppAddresses {
  /** The web app itself (https): where every bucket opens until a bucket page is set. */
  webAppUrl: string;
  /** A bucket's page with `{id}` (see web-app-link.ts); empty: not set. */
  webAppBucketUrl: string;
}

/** An https address without credentials: the web app's own address. */
export function isWebAppHome(value: string): boolean {
  if (value.length > 2048 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Why "Open in web app" goes nowhere: the web app's own address in Settings is unusable. */
export const NO_HOME = 'The web app address in Settings must be an https address.';

/**
 * Where "Open in web app" takes a bucket: its own page when the user set one (the
 * refinement; a bucket whose id cannot make that page has no link, and says why), else
 * the web app itself, which needs no set-up.
 */
export function webAppTarget(addresses: WebAppAddresses, bucketId: string): WebAppLink {
  if (addresses.webAppBucketUrl) return bucketWebAppLink(addresses.webAppBucketUrl, bucketId);
  return isWebAppHome(addresses.webAppUrl) ? { url: new URL(addresses.webAppUrl).href } : { reason: NO_HOME };
}

/** Whether "Open in web app" can go anywhere with these settings (it can by default). */
export function webAppAvailable(addresses: WebAppAddresses): boolean {
  return isWebAppHome(addresses.webAppUrl) || (addresses.webAppBucketUrl !== '' && isWebAppTemplate(addresses.webAppBucketUrl));
}
