import { useCallback, useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { FlashbackBridge } from '../../shared/contract';
import { NO_FILTERS, type BucketFilters } from '../list-model/bucket-query';

interface PopoverEvents {
  bridge: FlashbackBridge;
  setView(view: 'buckets' | 'settings' | 'sign-in'): void;
  setFilters(filters: BucketFilters): void;
  setActiveId(id: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The account the list shows only (`settings.shownAccount`), read when a notification names a bucket. */
  shownAccount: string | null;
}

/** Puts the keyboard focus on a bucket's row once it is drawn. */
export function focusRow(key: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(key)}"]`)?.focus());
}

/**
 * What main asks of the view: show a bucket (a notification was clicked; the recent changes use it too), open a screen (the
 * tray menu), and the popover was shown (the cursor goes to the search box).
 */
export function usePopoverEvents({ bridge, setView, setFilters, setActiveId, searchRef, shownAccount }: PopoverEvents): (key: string) => void {
  const shown = useRef<string | null>(null);
  shown.current = shownAccount;
  /** Shows a bucket (its key) in the list, focused: the filters cleared, every account shown if needed. */
  const showBucket = useCallback((id: string) => {
    setView('buckets');
    setFilters(NO_FILTERS);
    // The list may show another account only: the bucket a notification named must be in it.
    if (shown.current !== null) void bridge.invoke('updateSettings', { shownAccount: null });
    setActiveId(id);
    focusRow(id);
  }, [bridge]);
  useEffect(() => {
    const offFocus = bridge.on('focusBucket', showBucket);
    const offView = bridge.on('showView', setView);
    // Opening the popover puts the cursor in the search box (unless something else has focus), so typing finds.
    const offShown = bridge.on('shown', () => {
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) searchRef.current?.focus();
      });
    });
    return () => {
      offFocus();
      offView();
      offShown();
    };
  }, [bridge]);
  return showBucket;
}
