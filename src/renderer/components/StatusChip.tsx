import { statusLabel, statusTone } from '../../shared/format';

const ICONS = { ok: '●', bad: '✕', warn: '▲', unknown: '?' } as const;

/** Colour is never alone: an icon shape and the status text carry the meaning too. */
export function StatusChip({ status }: { status: string | undefined }) {
  const tone = statusTone(status);
  return (
    <span class={`chip chip-${tone}`}>
      <span class="chip-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      {statusLabel(status)}
    </span>
  );
}
