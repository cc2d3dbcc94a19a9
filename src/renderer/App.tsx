import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bucketKey } from '../shared/accounts';
import type { BucketView, FlashbackBridge, SettingsPatch, SupportedMfaMethod } from '../shared/contract';
import { accountScope } from './account-scope';
import { BucketIndex } from './bucket-index';
import { hasFilters, listItems, NO_FILTERS, workspaceNamesOf, type BucketFilters } from './bucket-query';
import { pickableWorkspaces } from './workspace-picker';
import { Banner, pickBanner, type BannerModel } from './components/frame/Banner';
import { BucketList } from './components/list/BucketList';
import { EmptyState } from './components/list/EmptyState';
import { Header } from './components/frame/Header';
import { HistoryView } from './components/details/HistoryView';
import { SettingsView } from './components/settings/SettingsView';
import { SignInView } from './components/sign-in/SignInView';
import { Toolbar } from './components/list/Toolbar';
import { useAppState } from './use-app-state';
import { readHiddenBanners, saveHiddenBanners } from './hidden-banners';
import { useNow } from './use-now';
import { useListIndex } from './use-list-index';
import { BucketSearch, bucketMatcher } from './bucket-search';
import { useOptions } from './use-options';
import { useSearchWarmup } from './use-search-warmup';
import { useAppKeys } from './use-app-keys';
import { useBucketActions } from './use-bucket-actions';

type View = 'buckets' | 'settings' | 'sign-in' | 'history' | 'add-account';

const NO_BUCKETS: readonly BucketView[] = []; // no list yet: one array, so what depends on the list stays made

/** The detached window loads the same page with this hash. */
const detached = typeof location !== 'undefined' && location.hash === '#detached';

export function App({ bridge }: { bridge: FlashbackBridge }) {
  const state = useAppState(bridge);
  const [view, setView] = useState<View>('buckets');
  const [filters, setFilters] = useState<BucketFilters>(NO_FILTERS);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [historyOf, setHistoryOf] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [restored, setRestored] = useState(false);
  /** Banners the user dismissed (informational ones only): remembered across restarts (hidden-banners.ts). */
  const [hiddenBanners, setHiddenBanners] = useState<string[]>(readHiddenBanners);
  const searchRef = useRef<HTMLInputElement>(null);
  const shownAccount = useRef<string | null>(null);
  shownAccount.current = state?.settings.shownAccount ?? null;
  const index = useMemo(() => new BucketIndex(), []);
  const search = useMemo(() => new BucketSearch(), []);
  const now = useNow({ since: [state?.sync.lastSuccessAt], until: [state?.sync.error?.retryAt], at: [state?.settings.notificationsPausedUntil ?? undefined] });

  useEffect(() => {
    const offFocus = bridge.on('focusBucket', (id) => {
      setView('buckets');
      setFilters(NO_FILTERS);
      // The list may show another account only: the bucket a notification named must be in it.
      if (shownAccount.current !== null) void bridge.invoke('updateSettings', { shownAccount: null });
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
  const scope = useMemo(() => state && accountScope(state), [state?.accounts, state?.settings.shownAccount, state?.currentAccount]);
  const keep = useMemo(() => bucketMatcher(filters, scope?.shown, workspaceNames), [filters, scope?.shown, workspaceNames]);
  const list = useListIndex(index, buckets ?? NO_BUCKETS, workspaceNames, keep);
  useSearchWarmup(list.indexed, buckets ?? NO_BUCKETS);
  // The menus' values come from the list's stats (shared/list-stats.ts), shared with the header's counts.
  const options = useOptions(buckets ?? NO_BUCKETS);
  const visible = useMemo(() => (list.indexed ? search.run(list.indexed, filters, scope?.shown) : list.firstScreen), [list, filters, scope?.shown]);
  const items = useMemo(() => listItems(visible, filters.groupByWorkspace, workspaceNames, scope?.order), [visible, filters.groupByWorkspace, workspaceNames, scope?.order]);
  const { copied, copy, openInWebApp, refresh, problem } = useBucketActions(bridge, setAnnouncement);
  useAppKeys({ view, setView, filters, setFilters, searchRef, refresh, bridge });

  // An account added (its sign-in, with any second step, is done): back to the list, which now has its buckets.
  const accountCount = state?.accounts.length ?? 0;
  const countWhenAdding = useRef(0);
  useEffect(() => {
    if (view === 'add-account' && accountCount > countWhenAdding.current) setView('buckets');
  }, [accountCount]);
  const startAdding = () => {
    countWhenAdding.current = accountCount;
    setView('add-account');
  };

  if (!state) {
    return (
      <main class="app" aria-busy="true">
        <EmptyState title="Loading…" />
      </main>
    );
  }

  const { auth, draft } = state;
  const noAccount = state.accounts.length === 0;
  // Back, Cancel or "Use a different account" while adding: the draft goes, and nothing of it stays.
  const cancelAdding = () => {
    if (draft) void bridge.invoke('cancelSignIn', draft.id);
    setView('buckets');
  };
  const showAccount = (id: string | null) => {
    void bridge.invoke('updateSettings', { shownAccount: id });
    if (id !== null) void bridge.invoke('useAccount', id);
  };
  const signInTo = (id: string) => {
    void bridge.invoke('useAccount', id).then(() => setView('sign-in'));
  };
  // Every sign-in command names its target: the current account, or the draft being added.
  const signInCommands = (target: string) => ({
    signIn: (email: string, password: string) => bridge.invoke('signIn', target, email, password),
    verifyMfa: (method: SupportedMfaMethod, code: string) => bridge.invoke('verifyMfa', target, method, code),
    sendMagicLink: () => bridge.invoke('sendMagicLink', target),
    requestPasswordReset: (server: string, email: string) => bridge.invoke('requestPasswordReset', server, email),
    signInWithToken: (token: string) => bridge.invoke('signInWithToken', target, token),
    onOpenSettings: () => setView('settings'),
  });
  const adding = {
    first: noAccount,
    defaultServer: state.settings.apiBaseUrl,
    submit: (url: string, email: string, password: string) => bridge.invoke('addAccount', url, email, password),
    submitToken: (url: string, token: string) => bridge.invoke('addAccountWithToken', url, token),
  };
  const addView = (onBack?: () => void) => (
    <SignInView
      {...signInCommands(draft?.id ?? '')}
      auth={draft?.auth ?? { kind: 'signed-out' }}
      apiBaseUrl={draft?.apiBaseUrl ?? state.settings.apiBaseUrl}
      add={adding}
      startOver={cancelAdding}
      onBack={onBack}
    />
  );
  const needsSignIn = noAccount || auth.kind === 'signed-out' || auth.kind === 'mfa-required' || (auth.kind === 'signing-in' && restored);
  const picked = pickBanner(state, now);
  const banner = picked && !hiddenBanners.includes(picked.text) ? picked : undefined;

  function onBannerAction(model: BannerModel) {
    const run = model.action?.run;
    if (run === 'sign-in') {
      if (model.account) signInTo(model.account);
      else setView('sign-in');
    }
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

  const historyBucket = view === 'history' && historyOf ? state.buckets.find((bucket) => bucketKey(bucket) === historyOf) : undefined;
  const backToList = () => {
    setView('buckets');
    requestAnimationFrame(() => historyOf && document.querySelector<HTMLElement>(`[data-bucket-id="${CSS.escape(historyOf)}"]`)?.focus());
  };
  let body;
  if (view === 'add-account') {
    body = addView(cancelAdding);
  } else if (historyBucket) {
    body = <HistoryView bucket={historyBucket} now={now} load={(id) => bridge.invoke('getHistory', id)} loadNodes={(id) => bridge.invoke('getBucketNodes', id)} onBack={backToList} />;
  } else if (view === 'settings') {
    body = (
      <SettingsView
        settings={state.settings}
        now={now}
        workspaces={pickableWorkspaces(workspaces ?? [], state.buckets)}
        accounts={scope!.listed}
        onAddAccount={startAdding}
        onSignInTo={signInTo}
        onRemoveAccount={(id) => void bridge.invoke('removeAccount', id)}
        isBucketId={(value) => state.buckets.some((bucket) => bucket.id === value)}
        update={(patch: SettingsPatch) => bridge.invoke('updateSettings', patch)}
        appUpdate={state.update}
        desktop={state.desktop}
        checkForUpdates={() => void bridge.invoke('checkForUpdates')}
        installUpdate={() => void bridge.invoke('installUpdate')}
        signOut={(id) => void bridge.invoke('signOut', id)}
        quit={() => void bridge.invoke('quit')}
        onBack={() => setView('buckets')}
      />
    );
  } else if (!restored && auth.kind === 'signing-in') {
    body = <EmptyState title="Loading…" />;
  } else if (noAccount) {
    body = addView();
  } else if (needsSignIn || view === 'sign-in') {
    const current = state.currentAccount ?? '';
    body = (
      <SignInView
        {...signInCommands(current)}
        auth={auth}
        apiBaseUrl={state.accounts.find((account) => account.id === current)?.apiBaseUrl ?? state.settings.apiBaseUrl}
        startOver={() => void bridge.invoke('cancelSignIn', current)}
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
          buckets={state.buckets} restriction={state.settings.workspaceId} onLiftRestriction={() => void bridge.invoke('updateSettings', { workspaceId: null })}
          onChange={setFilters}
          onSearchKeyDown={(event) => {
            if (event.key === 'ArrowDown' && visible[0]) {
              event.preventDefault();
              const id = activeId && visible.some((b) => bucketKey(b) === activeId) ? activeId : bucketKey(visible[0]);
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
        ) : visible.length === 0 && scope!.shown !== undefined && !hasFilters(filters) ? (
          <EmptyState title="No buckets are available in this account">
            <button type="button" onClick={() => showAccount(null)}>
              Show every account
            </button>
          </EmptyState>
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
            pendingRows={list.pending ?? 0}
            onNeedAllRows={list.settle}
            workspaceNames={workspaceNames}
            accountLabels={scope!.labels}
            onHistory={(bucket) => {
              setActiveId(bucketKey(bucket));
              setHistoryOf(bucketKey(bucket));
              setView('history');
            }}
            webApp={state.settings}
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
        accounts={scope!.listed}
        shownAccount={scope!.shown}
        onShowAccount={showAccount}
        onAddAccount={startAdding}
        now={now}
        onInstallUpdate={() => void bridge.invoke('installUpdate')}
        onDetach={detached ? undefined : () => void bridge.invoke('detachPopover')}
        onRefresh={refresh} onSettings={() => setView(view === 'settings' ? 'buckets' : 'settings')} />
      {banner && view === 'buckets' ? <Banner model={banner} onAction={onBannerAction} /> : null}
      {body}
      {problem ? <p class="toast" role="alert">{problem}</p> : null}
      <div class="sr-only" aria-live="polite" role="status" data-testid="announcer">
        {announcement}
      </div>
    </main>
  );
}
