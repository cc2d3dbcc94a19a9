import type { ComponentChildren } from 'preact';
import { focusOnMount } from '../../focus';

/** The top of a panel (settings, history): back to the list, and the panel's title. */
export function PanelHead({ id, onBack, children }: { id: string; onBack(): void; children: ComponentChildren }) {
  return (
    <div class="panel-head">
      <button type="button" class="icon-button" aria-label="Back to buckets" onClick={onBack}>
        <span aria-hidden="true">←</span>
      </button>
      {/* Focused when the panel opens (Settings, History), so the keyboard and screen readers start there. */}
      <h2 id={id} tabIndex={-1} ref={focusOnMount}>
        {children}
      </h2>
    </div>
  );
}
