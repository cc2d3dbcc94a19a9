import { StatusChip } from './StatusChip';
import { StorageBadge } from './StorageBadge';

/**
 * The text styles a row uses that the rest of the popover does not (the chips' and badges'
 * 11 px, the name's semibold), laid out hidden while no list is shown. The first layout of a
 * font at a size fetches it from the system (tens of ms in a fresh page on the bench machine):
 * this way that happens while the popover waits for its list, not in the list's first frame.
 */
export function RowFonts() {
  return (
    <div class="row-fonts" aria-hidden="true">
      <div class="row-main">
        <StatusChip status="ONLINE" />
        <StatusChip status="OFFLINE" />
        <StatusChip status="DEGRADED" />
        <StatusChip status={undefined} />
        <bdi class="row-name">Bucket 0123456789</bdi>
      </div>
      <div class="row-detail">
        <StorageBadge storageType="S3" />
        <span>bucket-0123456789</span>
      </div>
      <div class="row-detail muted">
        <span>same for 1 h 5 min</span>
      </div>
    </div>
  );
}
