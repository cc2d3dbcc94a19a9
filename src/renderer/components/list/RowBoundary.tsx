import { Component, type ComponentChildren } from 'preact';

interface RowBoundaryProps {
  /** The row's bucket key, shown when the row itself cannot be. */
  bucketKey: string;
  top: number;
  children: ComponentChildren;
}

/**
 * One row's failure stays that row's: a bucket the row cannot show (a bug no test found yet)
 * becomes a plain line saying so, and every other row, and the list, go on.
 */
export class RowBoundary extends Component<RowBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static override getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render({ bucketKey, top, children }: RowBoundaryProps) {
    if (!this.state.failed) return children;
    return (
      <li class="row row-broken" style={{ top: `${top}px` }} data-bucket-id={bucketKey} title={`Bucket ${bucketKey.slice(0, 200)}`}>
        <span class="muted">This bucket could not be shown.</span>
      </li>
    );
  }
}
