import type { ComponentChildren } from 'preact';
import { focusOnMount } from '../../focus';

interface ConfirmProps {
  /** Unique on the page: the sentence's id is `${id}-text`. */
  id: string;
  /** What happens, what is kept: the sentence the dialog is named by. */
  children: ComponentChildren;
  /** The button that does it ("Remove", "Sign out and use it"). */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A question asked in place before something that cannot be undone in one click: the keyboard
 * focus moves to its button that acts, Escape (or Cancel) steps back without closing the panel.
 */
export function Confirm({ id, children, confirmLabel, onConfirm, onCancel }: ConfirmProps) {
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-text`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // The popover's own Escape (back, or hide) must not run as well.
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
    >
      <p id={`${id}-text`}>{children}</p>
      <div class="settings-actions">
        <button type="button" class="danger" ref={focusOnMount} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
