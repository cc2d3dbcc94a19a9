import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BucketView, FlashbackBridge, SettingsPatch } from '../shared/contract';
import { bucketDisplayName } from '../shared/format';
import { BucketIndex, filterBuckets, filterOptions, hasFilters, listItems, NO_FILTERS, pickerWorkspaces, workspaceNamesOf, type BucketFilters } from './bucket-query';
import { Banner, pickBanner, type BannerModel } from './components/Banner';
import { BucketList } from './components/BucketList';
import { EmptyState } from './components/EmptyState';
import { Header } from './components/Header';
import { HistoryView } from './components/HistoryView';
import { SettingsView } from './components/SettingsView';
import { SignInView } from './components/SignInView';
import { Toolbar } from './components/Toolbar';
import { useAppState } from './use-app-state';
import { readHiddenBanners, saveHiddenBanners } from './hidden-banners';
import { useNow } from './use-now';
import { useListIndex } from './use-list-index';
import { useSearchWarmup } from './use-search-warmup';

type View = 'buckets' | 'settings' | 'sign-in' | 'history';
type Copied = { id: string; what: 'bucket-id' | 'bucket-name' };

const NO_BUCKETS: readonly BucketView[] = []; // no list yet: one array, so what depends on the list stays made
const COPIED_FOR_MS = 1600;

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
}

/** The detached window loads the same page with this hash. */
const detached = typeof location !== 'undefined' && location.hash === '#detached';

export function App({ bridge }: { bridge: FlashbackBridge }) {
  const { state, partial } = useAppState(bridge) ?? {};
  const [view, setView] = useState<View>('buckets');
  const [filters, setFilters] = useState<BucketFilters>(NO_FILTERS);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [historyOf, setHistoryOf] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState<Copied | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [restored, setRestored] = useState(false);
  /** Banners the user dismissed (informational ones only): remembered across reloads of this window, not restarts. */
  const [hiddenBanners, setHiddenBanners] = useState<string[]>(readHiddenBanners);
  const searchRef = useRef<HTMLInputElement>(null);
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const index = useMemo(() => new BucketIndex(), []);
  const now = useNow({ since: [state?.sync.lastSuccessAt], until: [state?.sync.error?.retryAt], at: [state?.settings.notificationsPausedUntil ?? undefined] });

  useEffect(() => {
    const offFocus = bridge.on('focusBucket', (id) => {
      setView('buckets');
      setFilters(NO_FILTERS);
      setActiveId(id);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(id)}"]`)?.focus());
    });
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

  const authKind = state?.auth.kind;
  useEffect(() => {
    if (authKind && authKind !== 'signing-in') setRestored(true);
    if (authKind === 'signed-in') setView((current) => (current === 'sign-in' ? 'buckets' : current));
  }, [authKind]);

  const theme = state?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const buckets = state?.buckets;
  const workspaces = state?.workspaces;
  const workspaceNames = useMemo(() => workspaceNamesOf(workspaces ?? []), [workspaces]);
  const list = useListIndex(index, buckets ?? NO_BUCKETS, workspaceNames, hasFilters(filters) || filters.groupByWorkspace);
  useSearchWarmup(list.indexed);
  // The menus' values come with the full index (a first screen's frame shows the menus closed).
  const options = useMemo(() => filterOptions(list.indexed ? (buckets ?? NO_BUCKETS) : NO_BUCKETS), [list.indexed ? buckets : undefined]);
  const visible = useMemo(() => (list.indexed ? filterBuckets(list.indexed, filters) : list.firstScreen), [list, filters]);
  const items = useMemo(() => listItems(visible, filters.groupByWorkspace, workspaceNames), [visible, filters.groupByWorkspace, workspaceNames]);

  const copy = useCallback(
    async (bucket: BucketView, what: Copied['what']) => {
      const text = what === 'bucket-id' ? bucket.id : (bucket.bucket ?? '');
      if (!text) return;
      const result = await bridge.invoke('copyText', text, what);
      const label = what === 'bucket-id' ? 'bucket id' : 'bucket name';
      if (!result.ok) {
        setAnnouncement(`Could not copy the ${label}: ${result.error.message}`);
        return;
      }
      clearTimeout(copiedTimer.current);
      setCopied({ id: bucket.id, what });
      // A changing text makes screen readers announce each copy, even of the same bucket twice.
      setAnnouncement((previous) => `Copied ${label} of ${bucketDisplayName(bucket)}${previous.endsWith('.') ? '' : '.'}`);
      copiedTimer.current = setTimeout(() => setCopied(undefined), COPIED_FOR_MS);
    },
    [bridge],
  );

  const openInWebApp = useCallback(
    async (bucket: BucketView) => {
      const result = await bridge.invoke('openInWebApp', bucket.id);
      setAnnouncement(result.ok ? `Opened ${bucketDisplayName(bucket)} in the web app.` : result.error.message);
    },
    [bridge],
  );

  const refresh = useCallback(() => {
    void bridge.invoke('refresh').then((result) => {
      if (!result.ok) setAnnouncement(result.error.message);
    });
  }, [bridge]);

  const handleKey = useCallback(
    (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        if (view !== 'buckets') setView('buckets');
        else if (hasFilters(filters)) {
          setFilters({ ...NO_FILTERS, groupByWorkspace: filters.groupByWorkspace });
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
      } else if (event.key === ',') {
        event.preventDefault();
        setView('settings');
      }
    },
    [view, filters, bridge, refresh],
  );

  useEffect(() => {
    document.addEventListener('keydown', handleKey);
    return () => document.removeEventListener('keydown', handleKey);
  }, [handleKey]);

  if (!state) {
    return (
      <main class="app" aria-busy="true">
        <EmptyState title="Loading…" />
      </main>
    );
  }

  const { auth } = state;
  const needsSignIn = auth.kind === 'signed-out' || auth.kind === 'mfa-required' || (auth.kind === 'signing-in' && restored);
  const picked = pickBanner(state, now);
  const banner = picked && !hiddenBanners.includes(picked.text) ? picked : undefined;

  function onBannerAction(model: BannerModel) {
    const run = model.action?.run;
    if (run === 'sign-in') setView('sign-in');
    else if (run === 'refresh') refresh();
    else if (run === 'hide') {
      setHiddenBanners((hidden) => {
        const next = [...hidden, model.text];
        saveHiddenBanners(next);
        return next;
      });
    }
    else if (model.notice) void bridge.invoke('dismissNotice', model.notice.id);
  }

  const historyBucket = view === 'history' && historyOf ? state.buckets.find((bucket) => bucket.id === historyOf) : undefined;
  const backToList = () => {
    setView('buckets');
    requestAnimationFrame(() => historyOf && document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(historyOf)}"]`)?.focus());
  };
  let body;
  if (historyBucket) {
    body = <HistoryView bucket={historyBucket} now={now} load={(id) => bridge.invoke('getHistory', id)} onBack={backToList} />;
  } else if (view === 'settings') {
    body = (
      <SettingsView
        settings={state.settings}
        now={now}
        auth={auth}
        workspaces={pickerWorkspaces(workspaces ?? [], options.workspaces)}
        isBucketId={(value) => state.buckets.some((bucket) => bucket.id === value)}
        update={(patch: SettingsPatch) => bridge.invoke('updateSettings', patch)}
        appUpdate={state.update}
        checkForUpdates={() => void bridge.invoke('checkForUpdates')}
        installUpdate={() => void bridge.invoke('installUpdate')}
        signOut={() => {
          void bridge.invoke('signOut');
          setView('buckets');
        }}
        quit={() => void bridge.invoke('quit')}
        onBack={() => setView('buckets')}
      />
    );
  } else if (!restored && auth.kind === 'signing-in') {
    body = <EmptyState title="Loading…" />;
  } else if (needsSignIn || view === 'sign-in') {
    body = (
      <SignInView
        auth={auth}
        apiBaseUrl={state.settings.apiBaseUrl}
        signIn={(email, password) => bridge.invoke('signIn', email, password)}
        verifyMfa={(method, code) => bridge.invoke('verifyMfa', method, code)}
        sendMagicLink={() => bridge.invoke('sendMagicLink')}
        requestPasswordReset={(email) => bridge.invoke('requestPasswordReset', email)}
        signInWithToken={(token) => bridge.invoke('signInWithToken', token)}
        startOver={() => void bridge.invoke('signOut')}
        onOpenSettings={() => setView('settings')}
        onBack={needsSignIn ? undefined : () => setView('buckets')}
      />
    );
  } else {
    body = (
      <>
        <Toolbar
          filters={filters}
          options={options}
          workspaceNames={workspaceNames}
          searchRef={searchRef}
          onChange={setFilters}
          onSearchKeyDown={(event) => {
            if (event.key === 'ArrowDown' && visible[0]) {
              event.preventDefault();
              const id = activeId && visible.some((b) => b.id === activeId) ? activeId : visible[0].id;
              setActiveId(id);
              document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(id)}"]`)?.focus();
            } else if (event.key === 'Enter' && visible[0]) {
              event.preventDefault();
              void copy(visible[0], 'bucket-id');
            }
          }}
        />
        {state.buckets.length === 0 ? (
          state.sync.lastSuccessAt ? (
            <EmptyState title="No buckets are available">
              <p>All your buckets are used by mirror repositories. New or freed buckets show up here by themselves.</p>
            </EmptyState>
          ) : (
            <EmptyState title="Loading your buckets…" />
          )
        ) : visible.length === 0 ? (
          <EmptyState title="No buckets match">
            <p>{filters.query ? `Nothing matches “${filters.query}” with these filters.` : 'No bucket matches these filters.'}</p>
            <button type="button" onClick={() => setFilters({ ...NO_FILTERS, groupByWorkspace: filters.groupByWorkspace })}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <BucketList
            items={items}
            grouped={filters.groupByWorkspace}
            pendingRows={partial ? partial.available - state.buckets.length : list.firstScreen ? state.buckets.length - list.firstScreen.length : 0}
            onNeedAllRows={list.settle}
            workspaceNames={workspaceNames}
            onHistory={(bucket) => {
              setActiveId(bucket.id);
              setHistoryOf(bucket.id);
              setView('history');
            }}
            webAppTemplate={state.settings.webAppBucketUrl}
            onOpenInWebApp={(bucket) => void openInWebApp(bucket)}
            activeId={activeId} copied={copied} onActiveChange={setActiveId} onCopy={copy} onKeyDown={() => undefined} />
        )}
      </>
    );
  }

  return (
    <main class="app">
      <Header
        state={state}
        counts={partial}
        now={now}
        onInstallUpdate={() => void bridge.invoke('installUpdate')}
        onDetach={detached ? undefined : () => void bridge.invoke('detachPopover')}
        onRefresh={refresh} onSettings={() => setView(view === 'settings' ? 'buckets' : 'settings')} />
      {banner && view === 'buckets' ? <Banner model={banner} onAction={onBannerAction} /> : null}
      {body}
      <div class="sr-only" aria-live="polite" role="status" data-testid="announcer">
        {announcement}
      </div>
    </main>
  );
}
