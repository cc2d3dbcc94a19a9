import type { MuteToast } from '../../hooks/use-mute';

/** What was just done, with Undo (one click); read out politely as it appears. */
export function UndoToast({ toast }: { toast: MuteToast }) {
  return (
    <div class="toast toast-undo" role="status">
      <span>{toast.text}</span>
      <button type="button" class="toast-action" onClick={toast.undo}>
        Undo
      </button>
    </div>
  );
}
