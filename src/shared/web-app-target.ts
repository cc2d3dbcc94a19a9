import { bucketWebAppUrl, isWebAppTemplate } from './web-app-link';

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

/**
 * Where "Open in web app" takes a bucket: its own page when the user set one (the
 * refinement), else the web app itself, which needs no set-up. `undefined` only when
 * neither address is usable.
 */
export function webAppLink(addresses: WebAppAddresses, bucketId: string): string | undefined {
  const page = addresses.webAppBucketUrl ? bucketWebAppUrl(addresses.webAppBucketUrl, bucketId) : undefined;
  if (page) return page;
  return isWebAppHome(addresses.webAppUrl) ? new URL(addresses.webAppUrl).href : undefined;
}

/** Whether "Open in web app" can go anywhere with these settings (it can by default). */
export function webAppAvailable(addresses: WebAppAddresses): boolean {
  return isWebAppHome(addresses.webAppUrl) || (addresses.webAppBucketUrl !== '' && isWebAppTemplate(addresses.webAppBucketUrl));
}
