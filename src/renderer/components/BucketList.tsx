import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BucketView } from '../../shared/contract';
import { isGroup, workspaceLabel, type ListItem, type WorkspaceNames } from '../bucket-query';
import { useNow } from '../use-now';
import { BucketRow } from './BucketRow';

export const ROW_HEIGHT = 76;
export const GROUP_HEIGHT = 30;
const OVERSCAN_PX = 300;

export interface BucketListProps {
  items: ListItem[];
  workspaceNames: WorkspaceNames;
  activeId: string | undefined;
  copied: { id: string; what: 'bucket-id' | 'bucket-name' } | undefined;
  onActiveChange(id: string): void;
  onCopy(bucket: BucketView, what: 'bucket-id' | 'bucket-name'): void;
  onHistory(bucket: BucketView): void;
  /** The web app's bucket address (`{id}` template), or '' when not set: then rows have no link. */
  webAppTemplate: string;
  onOpenInWebApp(bucket: BucketView): void;
  /** Keys the list does not handle itself go up (search, refresh, Esc). */
  onKeyDown(event: KeyboardEvent): void;
}

/**
 * A virtualised list: only the rows in view (plus a margin) exist in the DOM, so 10,000
 * buckets cost what 10 do. One row is in the tab order (roving tabindex); the arrow keys,
 * Home and End move through rows and Enter copies the bucket id.
 */
export function BucketList({ items, workspaceNames, activeId, copied, onActiveChange, onCopy, onHistory, webAppTemplate, onOpenInWebApp, onKeyDown }: BucketListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);

  // Typed arrays, no maps: at 100,000 rows a keystroke's new list costs a few milliseconds here.
  const layout = useMemo(() => {
    const offsets = new Float64Array(items.length + 1);
    /** Item index → its 1-based position among the buckets (0 for a group heading). */
    const positions = new Int32Array(items.length);
    const bucketIndexes = new Int32Array(items.length);
    let buckets = 0;
    for (let i = 0; i < items.length; i++) {
      const group = isGroup(items[i]!);
      offsets[i + 1] = offsets[i]! + (group ? GROUP_HEIGHT : ROW_HEIGHT);
      if (!group) {
        bucketIndexes[buckets] = i;
        positions[i] = ++buckets;
      }
    }
    return { offsets, positions, bucketIndexes: bucketIndexes.subarray(0, buckets), height: offsets[items.length]! };
  }, [items]);

  const bucketAt = (index: number): BucketView | undefined => {
    const item = items[index];
    return item && !isGroup(item) ? item : undefined;
  };

  const activeIndex = useMemo(() => {
    if (activeId === undefined) return undefined;
    const found = items.findIndex((item) => !isGroup(item) && item.id === activeId);
    return found < 0 ? undefined : found;
  }, [items, activeId]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight || 600);
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => setViewport(element.clientHeight || 600));
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  const first = Math.max(0, upperBound(layout.offsets, scrollTop - OVERSCAN_PX) - 1);
  let last = first;
  while (last < items.length && layout.offsets[last]! < scrollTop + viewport + OVERSCAN_PX) last++;

  const effectiveActive = activeIndex ?? layout.bucketIndexes[0];
  const rendered: number[] = [];
  for (let i = first; i < last; i++) rendered.push(i);
  // The active row always exists, so focus never falls out of the list while scrolling.
  if (effectiveActive !== undefined && (effectiveActive < first || effectiveActive >= last)) rendered.push(effectiveActive);

  // Relative times tick for the rows that exist, at the moment one of their labels changes.
  const now = useNow({ since: rendered.map((index) => bucketAt(index)?.statusSince) });

  function scrollIntoView(index: number) {
    const element = scroller.current;
    if (!element) return;
    const top = layout.offsets[index]!;
    const bottom = layout.offsets[index + 1]!;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
    setScrollTop(element.scrollTop);
  }

  function moveTo(index: number | undefined) {
    if (index === undefined) return;
    const bucket = bucketAt(index);
    if (!bucket) return;
    onActiveChange(bucket.id);
    scrollIntoView(index);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(bucket.id)}"]`)?.focus());
  }

  function handleKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    const onRow = target.classList.contains('row');
    const list = layout.bucketIndexes;
    const position = effectiveActive === undefined ? -1 : layout.positions[effectiveActive]! - 1;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number | undefined> = {
      ArrowDown: list[Math.min(list.length - 1, position + 1)],
      ArrowUp: list[Math.max(0, position - 1)],
      PageDown: list[Math.min(list.length - 1, position + page)],
      PageUp: list[Math.max(0, position - page)],
      Home: list[0],
      End: list[list.length - 1],
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
      return;
    }
    const letter = event.key.toLowerCase();
    if ((letter === 'h' || (letter === 'o' && webAppTemplate)) && onRow && effectiveActive !== undefined) {
      const bucket = bucketAt(effectiveActive);
      if (bucket) {
        event.preventDefault();
        (letter === 'h' ? onHistory : onOpenInWebApp)(bucket);
      }
      return;
    }
    if (event.key === 'Enter' && onRow && effectiveActive !== undefined) {
      const bucket = bucketAt(effectiveActive);
      if (bucket) {
        event.preventDefault();
        onCopy(bucket, event.shiftKey ? 'bucket-name' : 'bucket-id');
      }
      return;
    }
    onKeyDown(event);
  }

  useEffect(() => {
    if (activeIndex !== undefined) scrollIntoView(activeIndex);
    // Only when the requested row changes (e.g. a notification asked to show a bucket), not on every scroll.
  }, [activeId]);

  const total = layout.bucketIndexes.length;
  return (
    <div
      class="list-scroller"
      ref={scroller}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={handleKeyDown}
    >
      <ul class="list" aria-label={`Available buckets, ${total}`} style={{ height: `${layout.height}px` }}>
        {rendered.map((index) => {
          const item = items[index]!;
          const top = layout.offsets[index]!;
          if (isGroup(item)) {
            return (
              <li key={`group:${item.workspace}`} class="group" style={{ top: `${top}px` }} role="presentation">
                <span role="heading" aria-level={2}>
                  {workspaceLabel(item.workspace, workspaceNames)} · {item.count}
                </span>
              </li>
            );
          }
          const id = item.id;
          return (
            <BucketRow
              key={id}
              bucket={item}
              now={now}
              top={top}
              workspace={workspaceLabel(item.workspaceId, workspaceNames)}
              active={index === effectiveActive}
              focused={focusedId === id}
              copied={copied?.id === id ? copied.what : undefined}
              position={layout.positions[index]!}
              total={total}
              onCopy={onCopy}
              onHistory={onHistory}
              webAppTemplate={webAppTemplate}
              onOpenInWebApp={onOpenInWebApp}
              onFocusRow={(rowId) => {
                setFocusedId(rowId);
                if (rowId !== activeId) onActiveChange(rowId);
              }}
            />
          );
        })}
      </ul>
    </div>
  );
}

/** First index whose offset is greater than `value` (offsets ascend). */
function upperBound(offsets: Float64Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
