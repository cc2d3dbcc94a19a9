import { clip } from '../../../shared/format';

/** A bell, struck through when muted: the shape says it, not only the colour. */
function BellIcon({ off }: { off: boolean }) {
  return (
    <svg aria-hidden="true" class="bell" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 11V7a4 4 0 0 1 8 0v4l1.2 1.5H2.8z" />
      <path d="M6.5 14a1.6 1.6 0 0 0 3 0" />
      {off ? <path d="M2 2l12 12" /> : null}
    </svg>
  );
}

interface MuteButtonProps {
  name: string;
  muted: boolean;
  /** In the tab order only on the active row (roving tabindex). */
  active: boolean;
  onToggle(): void;
}

/** The row's mute switch (M on the row does the same). */
export function MuteButton({ name, muted, active, onToggle }: MuteButtonProps) {
  return (
    <button
      type="button"
      class={`mute${muted ? ' mute-on' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-label={`${muted ? 'Unmute' : 'Mute'} notifications for ${clip(name, 120)}`}
      title={muted ? 'Muted: no notifications for this bucket. Click to unmute (M)' : 'Mute notifications for this bucket (M)'}
      onClick={onToggle}
    >
      <BellIcon off={muted} />
    </button>
  );
}
