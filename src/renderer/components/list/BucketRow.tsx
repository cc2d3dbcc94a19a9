import { bucketKey } from '../../../shared/accounts';
import type { AccountName } from '../../list-model/account-scope';
import type { BucketView } from '../../../shared/contract';
import { bucketDisplayName, clip, duration, maskKey, monthYear, relativeTime, shortDate, statusLabel } from '../../../shared/format';
import { webAppTarget, type WebAppAddresses } from '../../../shared/web-app-target';
import { StatusChip } from './StatusChip';
import { StorageBadge } from './StorageBadge';
import { MuteButton } from './MuteButton';

interface BucketRowProps {
  bucket: BucketView;
  now: number;
  active: boolean;
  focused: boolean;
  copied: 'bucket-id' | 'bucket-name' | undefined;
  position: number;
  total: number;
  top: number;
  /** The workspace's name (or id, or "No workspace"). */
  workspace: string;
  /** Whose bucket it is, when several accounts are shown. */
  account?: AccountName;
  onCopy(bucket: BucketView, what: 'bucket-id' | 'bucket-name'): void;
  onHistory(bucket: BucketView): void;
  /** Where "Web app" goes: the bucket's page when set, else the web app itself. */
  webApp: WebAppAddresses;
  onOpenInWebApp(bucket: BucketView): void;
  /** With the row's bucket key. */
  onFocusRow(key: string): void;
  /** Its changes never notify (`settings.mutedBuckets`). */
  muted: boolean;
  onMute(bucket: BucketView): void;
}

export function BucketRow({ bucket, now, active, focused, copied, position, total, top, workspace, account, onCopy, onHistory, webApp, onOpenInWebApp, onFocusRow, muted, onMute }: BucketRowProps) {
  const link = webAppTarget(webApp, bucket.id);
  const webAppUrl = 'url' in link ? link.url : undefined;
  const noLink = 'reason' in link ? link.reason : undefined;
  const name = bucketDisplayName(bucket);
  const created = monthYear(bucket.createdAt);
  const since = relativeTime(bucket.statusSince, now);
  const sinceFor = bucket.statusSince ? duration((now - Date.parse(bucket.statusSince)) / 1000) : '';
  return (
    <li
      class={`row${focused ? ' row-focused' : ''}${muted ? ' row-muted' : ''}`}
      style={{ top: `${top}px` }}
      aria-posinset={position}
      aria-setsize={total}
      aria-label={`${clip(name, 120)}, ${clip(bucket.status ?? 'unknown status', 60)}${account ? `, ${clip(account.label, 120)}` : ''}${muted ? ', muted' : ''}`}
      data-bucket-id={bucketKey(bucket)}
      tabIndex={active ? 0 : -1}
      onFocus={() => onFocusRow(bucketKey(bucket))}
    >
      <div class="row-main">
        <StatusChip status={bucket.status} />
        {/* When it was created: on hover here, and in the bucket's own view (the rows keep their room for what changes). */}
        <bdi class="row-name" title={created ? `${clip(name)} · created ${shortDate(bucket.createdAt)}` : clip(name)}>
          {name}
        </bdi>
        <MuteButton name={name} muted={muted} active={active} onToggle={() => onMute(bucket)} />
        <button
          type="button"
          class="copy"
          tabIndex={active ? 0 : -1}
          aria-label={`Copy bucket id of ${clip(name, 120)}`}
          title={`Copy bucket id (${bucket.id})`}
          onClick={() => onCopy(bucket, 'bucket-id')}
        >
          {copied === 'bucket-id' ? 'Copied' : 'Copy id'}
        </button>
      </div>
      <div class="row-detail">
        <StorageBadge storageType={bucket.storageType} />
        {bucket.bucket ? (
          <button
            type="button"
            class="link"
            tabIndex={active ? 0 : -1}
            aria-label={`Copy bucket name ${clip(bucket.bucket, 120)}`}
            title="Copy bucket name"
            onClick={() => onCopy(bucket, 'bucket-name')}
          >
            {copied === 'bucket-name' ? 'Copied' : <bdi>{bucket.bucket}</bdi>}
          </button>
        ) : null}
        {bucket.key ? (
          <span class="muted keep" title="Access key id (masked)">
            <span class="sr-only">Access key </span>
            {maskKey(bucket.key)}
          </span>
        ) : null}
      </div>
      <div class="row-detail muted">
        {account ? (
          // A tag naming the account (not a link: nothing happens on a click).
          <span class="row-account" title={`Account ${account.label}`}>
            <bdi>{account.short}</bdi>
          </span>
        ) : null}
        <span class="shrink-first" title={bucket.workspaceId && bucket.workspaceId !== workspace ? `Workspace ${workspace} (${bucket.workspaceId})` : `Workspace ${workspace}`}>
          <bdi>{workspace}</bdi>
        </span>
        {since ? (
          <span class="keep" title={bucket.previousStatus !== undefined ? `Was ${statusLabel(bucket.previousStatus)}` : 'Status unchanged since Flashback Tray started watching'}>
            {bucket.previousStatus !== undefined ? `changed ${since}` : `same for ${sinceFor}`}
          </span>
        ) : null}
        <button type="button" class="link keep" tabIndex={active ? 0 : -1} aria-label={`Details of ${clip(name, 120)}`} title="Details: its nodes and status history (H)" onClick={() => onHistory(bucket)}>
          Details
        </button>
        {webAppUrl ? (
          // A real link (role, address on hover), opened by main in the default browser: the popover never navigates.
          <a
            class="link keep"
            href={webAppUrl}
            tabIndex={active ? 0 : -1}
            aria-label={`Open ${clip(name, 120)} in the web app`}
            title={`Open in the web app (O): ${clip(webAppUrl, 200)}`}
            onClick={(event) => {
              event.preventDefault();
              onOpenInWebApp(bucket);
            }}
            // A middle click would ask for a new window (denied): it opens the browser too.
            onAuxClick={(event) => {
              if (event.button !== 1) return;
              event.preventDefault();
              onOpenInWebApp(bucket);
            }}
          >
            Web app
          </a>
        ) : noLink ? (
          // No address for this id ("..", a lone surrogate): say why on hover instead of a link that would mislead.
          <span class="link-off keep" title={noLink}>
            Web app<span class="sr-only">: {noLink}</span>
          </span>
        ) : null}
      </div>
    </li>
  );
}
