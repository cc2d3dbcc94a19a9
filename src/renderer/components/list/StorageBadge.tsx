import { storageTypeLabel } from '../../../shared/format';

export function StorageBadge({ storageType }: { storageType: string | undefined }) {
  return <span class="badge">{storageTypeLabel(storageType)}</span>;
}
