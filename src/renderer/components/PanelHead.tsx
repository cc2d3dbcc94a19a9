import type { ComponentChildren } from 'preact';

/** The top of a panel (settings, history): back to the list, and the panel's title. */
export function PanelHead({ id, onBack, children }: { id: string; onBack(): void; children: ComponentChildren }) {
  return (
    <div class="panel-head">
      <button type="button" class="icon-button" aria-label="Back to buckets" onClick={onBack}>
        <span aria-hidden="true">←</span>
      </button>
      <h2 id={id}>{children}</h2>
    </div>
  );
}
