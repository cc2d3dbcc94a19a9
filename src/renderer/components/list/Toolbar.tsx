import type { Ref } from 'preact';
import { useMemo } from 'preact/hooks';
import type { BucketView, ListOrder } from '../../../shared/contract';
import { listStats, statsCounts } from '../../../shared/list-stats';
import type { BucketFilters, FilterOptions } from '../../list-model/bucket-query';
import { workspaceLabel, type WorkspaceNames } from '../../list-model/bucket-query';

interface ToolbarProps {
  filters: BucketFilters;
  options: FilterOptions;
  workspaceNames: WorkspaceNames;
  searchRef: Ref<HTMLInputElement>;
  onChange(filters: BucketFilters): void;
  onSearchKeyDown(event: KeyboardEvent): void;
  /** Every bucket (the "needs attention" count, as the header counts it). */
  buckets: readonly BucketView[];
  /** The workspace Settings restricts the first account to (`settings.workspaceId`), and the way to lift it. */
  restriction: string | null;
  onLiftRestriction(): void;
  /** The list's order (`settings.listOrder`), and the way to choose another. */
  order: ListOrder;
  onOrder(order: ListOrder): void;
}

/** The Sort menu's choices, in the words the menu shows. */
const ORDER_LABELS: ReadonlyArray<[ListOrder, string]> = [
  ['problems', 'Problems first'],
  ['name', 'Name'],
  ['changed', 'Recently changed'],
  ['workspace', 'By workspace'],
];
const isOrder = (value: string): value is ListOrder => ORDER_LABELS.some(([order]) => order === value);

export function Toolbar({ filters, options, workspaceNames, searchRef, onChange, onSearchKeyDown, buckets, restriction, onLiftRestriction, order, onOrder }: ToolbarProps) {
  const problems = useMemo(() => statsCounts(listStats(buckets)).problems, [buckets]);
  const restrictedTo = restriction === null ? undefined : workspaceLabel(restriction, workspaceNames);
  const set = (patch: Partial<BucketFilters>) => onChange({ ...filters, ...patch });
  return (
    <div class="toolbar" role="search">
      <div class="search-row">
      <input
        ref={searchRef}
        type="search"
        class="search"
        placeholder="Search buckets  ( / )"
        title="Finds words in the name, provider bucket, id and workspace ( / )"
        aria-label="Search buckets"
        value={filters.query}
        onInput={(event) => set({ query: (event.currentTarget as HTMLInputElement).value })}
        onKeyDown={onSearchKeyDown}
      />
      <select
        class="sort"
        aria-label="Sort buckets"
        title={`Sort: ${ORDER_LABELS.find(([value]) => value === order)?.[1] ?? ''}`}
        value={order}
        onChange={(event) => {
          const value = (event.currentTarget as HTMLSelectElement).value;
          if (isOrder(value)) onOrder(value);
        }}
      >
        {ORDER_LABELS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      </div>
      <div class="filters">
        <select class="filter-status" aria-label="Filter by status" value={filters.status} onChange={(event) => set({ status: (event.currentTarget as HTMLSelectElement).value })}>
          <option value="">Status</option>
          <option value="problems">Status: needs attention ({problems})</option>
          {options.statuses.map((status) => (
            <option key={status} value={status}>
              Status: {status}
            </option>
          ))}
        </select>
        <select
          class="filter-type"
          aria-label="Filter by storage type"
          value={filters.storageType}
          onChange={(event) => set({ storageType: (event.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">Type</option>
          {options.storageTypes.map((type) => (
            <option key={type} value={type}>
              Type: {type}
            </option>
          ))}
        </select>
        {restrictedTo !== undefined ? (
          // Settings lists only one workspace: say so here, where the list is, and lift it in one click.
          <button type="button" class="filter-workspace restricted" aria-label={`Only the workspace ${restrictedTo} (from Settings): list every workspace`} title={`Only the workspace ${restrictedTo}, as chosen in Settings. Click to list every workspace.`} onClick={onLiftRestriction}>
            <span class="restricted-text">Only <bdi>{restrictedTo}</bdi></span>
            <span aria-hidden="true"> ✕</span>
          </button>
        ) : (
          <select
            class="filter-workspace"
            aria-label="Filter by workspace"
            title={filters.workspace ? `Workspace: ${workspaceLabel(filters.workspace, workspaceNames)}` : 'Workspace: all'}
            value={filters.workspace}
            onChange={(event) => set({ workspace: (event.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">Workspace</option>
            {options.workspaces.map((workspace) => (
              <option key={workspace} value={workspace}>
                Workspace: {workspaceLabel(workspace, workspaceNames)}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}
