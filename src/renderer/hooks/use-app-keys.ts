import { useEffect } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { FlashbackBridge } from '../../shared/contract';
import { hasFilters, NO_FILTERS, type BucketFilters } from '../list-model/bucket-query';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
}

interface AppKeys<View extends string> {
  view: View;
  setView(view: View | 'buckets' | 'settings'): void;
  filters: BucketFilters;
  setFilters(filters: BucketFilters): void;
  searchRef: RefObject<HTMLInputElement | null>;
  refresh(): void;
  bridge: FlashbackBridge;
  /** C: the recent changes across buckets. */
  onRecent(): void;
}

/** The popover's keys: Escape steps back (a screen, the filters, then hides), / searches, R refreshes, C shows recent changes, comma opens Settings. */
export function useAppKeys<View extends string>({ view, setView, filters, setFilters, searchRef, refresh, bridge, onRecent }: AppKeys<View>): void {
  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        if (view !== 'buckets') setView('buckets');
        else if (hasFilters(filters)) {
          setFilters(NO_FILTERS);
          searchRef.current?.focus();
        } else void bridge.invoke('hidePopover');
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === '/' && view === 'buckets') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'r' || event.key === 'R') {
        event.preventDefault();
        refresh();
      } else if (event.key === 'c' || event.key === 'C') {
        event.preventDefault();
        onRecent();
      } else if (event.key === ',') {
        event.preventDefault();
        setView('settings');
      }
    };
    document.addEventListener('keydown', handleKey);
    return () => document.removeEventListener('keydown', handleKey);
  }, [view, filters, bridge, refresh]);
}
