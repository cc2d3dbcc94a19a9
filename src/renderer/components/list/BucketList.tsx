import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { accountOf, bucketKey, hasKey } from '../../../shared/accounts';
import type { BucketView } from '../../../shared/contract';
import type { AccountName } from '../../list-model/account-scope';
import { isGroup, workspaceLabel, type ListItem, type WorkspaceNames } from '../../list-model/bucket-query';
import { listLayout, ROW_HEIGHT } from '../../list-model/list-layout';
import { useNow } from '../../hooks/use-now';
import { BucketRow } from './BucketRow';
import type { WebAppAddresses } from '../../../shared/web-app-target';
import { RowBoundary } from './RowBoundary';

const OVERSCAN_PX = 300;

interface BucketListProps {
  items: ListItem[];
  /** Items include workspace headings. */
  grouped: boolean;
  /** Buckets below `items` still to come (a first screen, see use-list-index.ts): counted and given room. */
  pendingRows: number;
  /** Focus entered the list while rows are still to come: they are wanted now (End, PageDown). */
  onNeedAllRows(): void;
  workspaceNames: WorkspaceNames;
  /** Account id → its name, when rows and groups should say whose they are (several accounts shown); otherwise absent. */
  accountLabels?: ReadonlyMap<string, AccountName>;
  /** The active row's bucket key. */
  activeId: string | undefined;
  copied: { id: string; what: 'bucket-id' | 'bucket-name' } | undefined;
  onActiveChange(id: string): void;
  onCopy(bucket: BucketView, what: 'bucket-id' | 'bucket-name'): void;
  onHistory(bucket: BucketView): void;
  /** Where rows' "Web app" goes: the bucket's page when set, else the web app itself. */
  webApp: WebAppAddresses;
  onOpenInWebApp(bucket: BucketView): void;
  /** Keys of the muted buckets (`settings.mutedBuckets`), and the way to mute or unmute one (M). */
  muted: ReadonlySet<string>;
  onMute(bucket: BucketView): void;
  /** Keys the list does not handle itself go up (search, refresh, Esc). */
  onKeyDown(event: KeyboardEvent): void;
}

/**
 * A virtualised list: only the rows in view (plus a margin) exist in the DOM, so 10,000
 * buckets cost what 10 do. One row is in the tab order (roving tabindex); the arrow keys,
 * Home and End move through rows and Enter copies the bucket id.
 */
export function BucketList({ items, grouped, pendingRows, onNeedAllRows, workspaceNames, accountLabels, activeId, copied, onActiveChange, onCopy, onHistory, webApp, onOpenInWebApp, muted, onMute, onKeyDown }: BucketListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The window's height until the list's own is known: never less than the view (no blank rows
  // in the first frame), and no layout read to get it.
  const [viewport, setViewport] = useState(() => (typeof window === 'undefined' ? 600 : window.innerHeight || 600));
  // The first frame makes only the rows in view; the margin above and below (for scrolling)
  // comes right after it is painted, or with the first scroll or move if that is sooner.
  const [overscan, setOverscan] = useState(0);
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);

  const layout = useMemo(() => listLayout(items, grouped, pendingRows), [items, grouped, pendingRows]);

  const bucketAt = (index: number): BucketView | undefined => {
    const item = items[index];
    return item && !isGroup(item) ? item : undefined;
  };

  const activeIndex = useMemo(() => {
    if (activeId === undefined) return undefined;
    const found = items.findIndex((item) => !isGroup(item) && hasKey(item, activeId));
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

  useEffect(() => {
    // Not in the effect itself: the re-render for the measured height (above) runs pending effects before the paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setOverscan(OVERSCAN_PX))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  const first = layout.itemAt(scrollTop - overscan);
  let last = first;
  while (last < items.length && layout.top(last) < scrollTop + viewport + overscan) last++;

  const effectiveActive = activeIndex ?? layout.bucketAt(0);
  const rendered: number[] = [];
  for (let i = first; i < last; i++) rendered.push(i);
  // The active row always exists, so focus never falls out of the list while scrolling.
  if (effectiveActive !== undefined && (effectiveActive < first || effectiveActive >= last)) rendered.push(effectiveActive);

  // Relative times tick for the rows that exist, at the moment one of their labels changes.
  const now = useNow({ since: rendered.map((index) => bucketAt(index)?.statusSince) });

  function scrollIntoView(index: number) {
    const element = scroller.current;
    if (!element) return;
    const top = layout.top(index);
    const bottom = layout.top(index + 1);
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
    setScrollTop(element.scrollTop);
    setOverscan(OVERSCAN_PX);
  }

  function moveTo(index: number | undefined) {
    if (index === undefined) return;
    const bucket = bucketAt(index);
    if (!bucket) return;
    const key = bucketKey(bucket);
    onActiveChange(key);
    scrollIntoView(index);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(key)}"]`)?.focus());
  }

  function handleKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    const onRow = target.classList.contains('row');
    const position = effectiveActive === undefined ? -1 : layout.position(effectiveActive) - 1;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number | undefined> = {
      ArrowDown: layout.bucketAt(position + 1),
      ArrowUp: layout.bucketAt(position - 1),
      PageDown: layout.bucketAt(position + page),
      PageUp: layout.bucketAt(position - page),
      Home: layout.bucketAt(0),
      End: layout.bucketAt(layout.buckets - 1),
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
      return;
    }
    const letter = event.key.toLowerCase();
    // `O` without a web-app address still asks: main says what to set up (never a silent key).
    if ((letter === 'h' || letter === 'o' || letter === 'm') && onRow && effectiveActive !== undefined) {
      const bucket = bucketAt(effectiveActive);
      if (bucket) {
        event.preventDefault();
        (letter === 'h' ? onHistory : letter === 'o' ? onOpenInWebApp : onMute)(bucket);
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
    // Only when the requested row changes (e.g. a notification asked to show a bucket), or the
    // rest of a first screen's list arrives (the row may be in it), not on every scroll.
  }, [activeId, pendingRows === 0]);

  const total = layout.buckets + pendingRows;
  return (
    <div
      class="list-scroller"
      ref={scroller}
      onScroll={(event) => {
        setScrollTop((event.currentTarget as HTMLDivElement).scrollTop);
        setOverscan(OVERSCAN_PX);
      }}
      onKeyDown={handleKeyDown}
      onFocusIn={pendingRows > 0 ? onNeedAllRows : undefined}
    >
      <ul class="list" aria-label={`Available buckets, ${total}`} aria-busy={pendingRows > 0 ? 'true' : undefined} style={{ height: `${layout.height}px` }}>
        {rendered.map((index) => {
          const item = items[index]!;
          const top = layout.top(index);
          if (isGroup(item)) {
            return (
              <li key={`group:${item.account ?? ''}:${item.workspace}`} class="group" style={{ top: `${top}px` }} role="presentation">
                <span role="heading" aria-level={2}>
                  {workspaceLabel(item.workspace, workspaceNames)}
                  {accountLabels && item.account !== undefined ? <span class="group-account"> · {accountLabels.get(item.account)?.label ?? item.account}</span> : null} · {item.count}
                </span>
              </li>
            );
          }
          const id = bucketKey(item);
          return (
            <RowBoundary key={id} bucketKey={id} top={top}>
              <BucketRow
                bucket={item}
                now={now}
                top={top}
                workspace={workspaceLabel(item.workspaceId, workspaceNames)}
                account={accountLabels?.get(accountOf(item))}
                active={index === effectiveActive}
                focused={focusedId === id}
                copied={copied?.id === id ? copied.what : undefined}
                position={layout.position(index)}
                total={total}
                onCopy={onCopy}
                onHistory={onHistory}
                webApp={webApp}
                onOpenInWebApp={onOpenInWebApp}
                muted={muted.has(id)}
                onMute={onMute}
                onFocusRow={(rowId) => {
                  setFocusedId(rowId);
                  if (rowId !== activeId) onActiveChange(rowId);
                }}
              />
            </RowBoundary>
          );
        })}
      </ul>
    </div>
  );
}
