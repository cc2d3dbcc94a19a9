import type { Ref } from 'preact';
import { bucketKey } from '../../../shared/accounts';
import type { AppState, BucketView, ListOrder } from '../../../shared/contract';
import { groupsByWorkspace } from '../../../shared/list-order';
import type { AccountName } from '../../list-model/account-scope';
import { hasFilters, NO_FILTERS, type BucketFilters, type FilterOptions, type ListItem, type WorkspaceNames } from '../../list-model/bucket-query';
import type { Copied } from '../../hooks/use-bucket-actions';
import { BucketList } from './BucketList';
import { EmptyState } from './EmptyState';
import { RowFonts } from './RowFonts';
import { Toolbar } from './Toolbar';

interface ListViewProps {
  state: AppState;
  filters: BucketFilters;
  setFilters(filters: BucketFilters): void;
  options: FilterOptions;
  workspaceNames: WorkspaceNames;
  searchRef: Ref<HTMLInputElement>;
  /** The buckets that pass the search and filters, in the list's order. */
  visible: readonly BucketView[];
  /** `visible` as rows (with workspace headings when grouped). */
  items: ListItem[];
  /** Rows still to come below a first screen (use-list-index.ts), and the way to want them now. */
  pendingRows: number;
  onNeedAllRows(): void;
  /** The account the list shows only (undefined: every account), and the names rows show. */
  shownAccount: string | undefined;
  accountLabels: ReadonlyMap<string, AccountName> | undefined;
  onShowEveryAccount(): void;
  activeId: string | undefined;
  setActiveId(key: string): void;
  copied: Copied | undefined;
  copy(bucket: BucketView, what: Copied['what']): void;
  openInWebApp(bucket: BucketView): void;
  onHistory(bucket: BucketView): void;
  /** Keys of the muted buckets, and the way to mute or unmute one. */
  muted: ReadonlySet<string>;
  onMute(bucket: BucketView): void;
  onLiftRestriction(): void;
  /** Another order chosen (remembered in settings). */
  onOrder(order: ListOrder): void;
}

/** The list screen: the search and filters, then the rows, or a sentence saying why there are none. */
export function ListView(props: ListViewProps) {
  const { state, filters, setFilters, visible, activeId, setActiveId } = props;
  const onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && visible[0]) {
      event.preventDefault();
      const id = activeId && visible.some((b) => bucketKey(b) === activeId) ? activeId : bucketKey(visible[0]);
      setActiveId(id);
      document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(id)}"]`)?.focus();
    } else if (event.key === 'Enter' && visible[0]) {
      event.preventDefault();
      props.copy(visible[0], 'bucket-id');
    }
  };
  let rows;
  if (state.buckets.length === 0) {
    rows = (
      <>
        {state.sync.lastSuccessAt ? (
          <EmptyState title="No buckets are available">
            <p>All your buckets are used by mirror repositories. New or freed buckets show up here by themselves.</p>
          </EmptyState>
        ) : (
          <EmptyState title="Loading your buckets…" />
        )}
        <RowFonts />
      </>
    );
  } else if (visible.length === 0 && props.shownAccount !== undefined && !hasFilters(filters)) {
    rows = (
      <EmptyState title="No buckets are available in this account">
        <button type="button" onClick={props.onShowEveryAccount}>
          Show every account
        </button>
      </EmptyState>
    );
  } else if (visible.length === 0) {
    rows = (
      <EmptyState title="No buckets match">
        <p>{filters.query ? `Nothing matches “${filters.query}” with these filters.` : 'No bucket matches these filters.'}</p>
        <button type="button" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </EmptyState>
    );
  } else {
    rows = (
      <BucketList
        items={props.items}
        grouped={groupsByWorkspace(state.settings.listOrder)}
        pendingRows={props.pendingRows}
        onNeedAllRows={props.onNeedAllRows}
        workspaceNames={props.workspaceNames}
        accountLabels={props.accountLabels}
        onHistory={props.onHistory}
        webApp={state.settings}
        onOpenInWebApp={props.openInWebApp}
        muted={props.muted}
        onMute={props.onMute}
        activeId={activeId}
        copied={props.copied}
        onActiveChange={setActiveId}
        onCopy={props.copy}
        onKeyDown={() => undefined}
      />
    );
  }
  return (
    <>
      <Toolbar
        filters={filters}
        options={props.options}
        workspaceNames={props.workspaceNames}
        searchRef={props.searchRef}
        buckets={state.buckets}
        restriction={state.settings.workspaceId}
        onLiftRestriction={props.onLiftRestriction}
        order={state.settings.listOrder}
        onOrder={props.onOrder}
        onChange={setFilters}
        onSearchKeyDown={onSearchKeyDown}
      />
      {rows}
    </>
  );
}
