import type { BucketView, Settings } from '../../../shared/contract';
import { NO_LINK } from '../../../shared/web-app-link';
import { NO_HOME, webAppTarget } from '../../../shared/web-app-target';
import { CommandRefused } from '../commands/command-router';

/**
 * "Open in the web app" for one bucket: only a bucket in its account's list, only the
 * bucket's https page the user's own template names, else the web app itself (checked here
 * again: the view's copy of the address is never trusted), only through the shell's
 * browser opener.
 */
export async function openBucketInWebApp(
  settings: Settings,
  buckets: readonly BucketView[],
  bucketId: string,
  open: ((url: string) => void | Promise<void>) | undefined,
): Promise<void> {
  if (!buckets.some((bucket) => bucket.id === bucketId)) throw new CommandRefused('UNKNOWN_BUCKET', 'That bucket is no longer in the list.');
  const link = webAppTarget(settings, bucketId);
  if ('reason' in link) {
    throw new CommandRefused(link.reason === NO_HOME ? 'WEB_APP_NOT_SET' : link.reason === NO_LINK.notAllowed ? 'WEB_APP_NOT_ALLOWED' : 'WEB_APP_NO_LINK', link.reason);
  }
  if (!open) throw new CommandRefused('NO_BROWSER', 'This window cannot open a browser.');
  await open(link.url);
}
