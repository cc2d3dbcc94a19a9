import { FIRST_SCREEN_FROM } from '../../../shared/bucket-order';
import type { EventName, Events, StatePatch } from '../../../shared/contract';
import { PendingPatch, wholeBuckets } from '../../../shared/state-patch';
import type { StateStore } from './state-store';

export type FeedSend = <K extends Extract<EventName, 'snapshot' | 'patch'>>(event: K, payload: Events[K]) => void;

/**
 * What one view (the popover, a preview page) is sent. While it shows: each patch as it
 * happens. While hidden: nothing; the patches wait, merged, and on opening the view gets
 * them, or one snapshot once they change as many buckets as the list holds (merging stops
 * then: a hidden popover costs nothing per poll). A patch that carries a large list whole
 * (the first list after signing in, a list whose names all changed) goes as a snapshot:
 * about as large, and a large snapshot's head shows the list's first screen before the rest
 * is decoded (shared/wire.ts). Statuses that moved are ids, not buckets (shared/status-moves.ts):
 * a list whose statuses all flipped goes to a showing view as a patch, a sixth of a snapshot.
 */
export class ViewFeed {
  private visible: boolean;
  private pending: PendingPatch | 'snapshot' | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: StateStore,
    private readonly send: FeedSend,
    options: { visible?: boolean; initialSnapshot?: boolean } = {},
  ) {
    this.visible = options.visible ?? false;
    if (options.initialSnapshot) this.send('snapshot', store.snapshot());
    this.unsubscribe = store.subscribe((patch) => this.onPatch(patch));
  }

  get isVisible(): boolean {
    return this.visible;
  }

  show(): void {
    if (this.visible) return;
    // The "last checked" time held back while nothing changed goes along, now that someone looks.
    this.store.flushDeferred();
    const pending = this.pending;
    this.pending = undefined;
    if (pending === 'snapshot' || (pending && this.carriesWholeList(pending.weight))) this.send('snapshot', this.store.snapshot());
    else if (pending) this.send('patch', pending.toPatch());
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  dispose(): void {
    this.unsubscribe();
    this.pending = undefined;
  }

  private onPatch(patch: StatePatch): void {
    if (this.visible) {
      if (this.carriesWholeList(wholeBuckets(patch))) this.send('snapshot', this.store.snapshot());
      else this.send('patch', patch);
      return;
    }
    if (this.pending === 'snapshot') return;
    if (this.pending) this.pending.add(patch);
    else this.pending = new PendingPatch(patch);
    // The whole list changed (every status flipped): a snapshot on opening, and no merging per poll meanwhile.
    const weight = this.pending.weight;
    if (weight > 0 && weight >= this.store.state.buckets.length) this.pending = 'snapshot';
  }

  private carriesWholeList(weight: number): boolean {
    const size = this.store.state.buckets.length;
    return size >= FIRST_SCREEN_FROM && weight >= size;
  }
}
