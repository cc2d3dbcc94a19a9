import { clip, statusLabel, statusTone } from '../../../shared/format';

const ICONS = { ok: '●', bad: '✕', warn: '▲', unknown: '?' } as const;

/** Colour is never alone: an icon shape and the status text carry the meaning too. */
export function StatusChip({ status }: { status: string | undefined }) {
  const tone = statusTone(status);
  return (
    <span class={`chip chip-${tone}`} title={statusLabel(status).length > 24 ? clip(statusLabel(status)) : undefined}>
      <span class="chip-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      {/* The server's word: isolated, so a bidi control in it cannot reorder the row. */}
      <bdi class="chip-text">{statusLabel(status)}</bdi>
    </span>
  );
}

