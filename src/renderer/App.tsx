import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bucketKey } from '../shared/accounts';
import type { BucketView, FlashbackBridge, SettingsPatch, SupportedMfaMethod } from '../shared/contract';
import { accountScope } from './list-model/account-scope';
import { BucketIndex } from './list-model/bucket-index';
import { listItems, NO_FILTERS, workspaceNamesOf, type BucketFilters } from './list-model/bucket-query';
import { pickableWorkspaces } from './list-model/workspace-picker';
import { Banner, pickBanner, type BannerModel } from './components/frame/Banner';
import { ListView } from './components/list/ListView';
import { EmptyState } from './components/list/EmptyState';
import { Header } from './components/frame/Header';
import { HistoryView } from './components/details/HistoryView';
import { RecentView } from './components/details/RecentView';
import { SettingsView } from './components/settings/SettingsView';
import { SignInView } from './components/sign-in/SignInView';
import { groupsByWorkspace } from '../shared/list-order';
import { useAppState } from './hooks/use-app-state';
import { readHiddenBanners, saveHiddenBanners } from './hidden-banners';
import { useNow } from './hooks/use-now';
import { useListIndex } from './hooks/use-list-index';
import { BucketSearch, bucketMatcher } from './list-model/bucket-search';
import { useOptions } from './hooks/use-options';
import { useSearchWarmup } from './hooks/use-search-warmup';
import { useAppKeys } from './hooks/use-app-keys';
import { useBucketActions } from './hooks/use-bucket-actions';
import { focusRow, usePopoverEvents } from './hooks/use-popover-events';
import { useMute } from './hooks/use-mute';
import { UndoToast } from './components/frame/UndoToast';

type View = 'buckets' | 'settings' | 'sign-in' | 'history' | 'add-account' | 'recent';

const NO_BUCKETS: readonly BucketView[] = [];
const NO_KEYS: readonly string[] = []; // no list yet: one array, so what depends on the list stays made

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
  const index = useMemo(() => new BucketIndex(), []);
  const search = useMemo(() => new BucketSearch(), []);
  const now = useNow({ since: [state?.sync.lastSuccessAt], until: [state?.sync.error?.retryAt], at: [state?.settings.notificationsPausedUntil ?? undefined] });

  const showBucket = usePopoverEvents({ bridge, setView, setFilters, setActiveId, searchRef, shownAccount: state?.settings.shownAccount ?? null });

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
  const order = state?.settings.listOrder ?? 'problems';
  const grouped = groupsByWorkspace(order);
  const list = useListIndex(index, buckets ?? NO_BUCKETS, workspaceNames, keep, order);
  useSearchWarmup(list.indexed, buckets ?? NO_BUCKETS);
  // The menus' values come from the list's stats (shared/list-stats.ts), shared with the header's counts.
  const options = useOptions(buckets ?? NO_BUCKETS);
  const visible = useMemo(() => (list.indexed ? search.run(list.indexed, filters, scope?.shown) : list.firstScreen), [list, filters, scope?.shown]);
  const items = useMemo(() => listItems(visible, grouped, workspaceNames, scope?.order), [visible, grouped, workspaceNames, scope?.order]);
  const { copied, copy, openInWebApp, refresh, problem, refused } = useBucketActions(bridge, setAnnouncement);
  const mutedBuckets = state?.settings.mutedBuckets ?? NO_KEYS;
  const muted = useMemo(() => new Set(mutedBuckets), [mutedBuckets]);
  const mute = useMute(bridge, mutedBuckets, refused);
  useAppKeys({ view, setView, filters, setFilters, searchRef, refresh, bridge, onRecent: () => setView('recent') });

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
    if (historyOf) focusRow(historyOf);
  };
  let body;
  if (view === 'add-account') {
    body = addView(cancelAdding);
  } else if (historyBucket) {
    body = <HistoryView bucket={historyBucket} now={now} load={(id) => bridge.invoke('getHistory', id)} loadNodes={(id) => bridge.invoke('getBucketNodes', id)} onBack={backToList} />;
  } else if (view === 'recent' && !needsSignIn) {
    body = <RecentView now={now} load={() => bridge.invoke('getRecentChanges')} freshness={state.buckets} isListed={(key) => state.buckets.some((bucket) => bucketKey(bucket) === key)} onShow={showBucket} onBack={() => setView('buckets')} />;
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
      <ListView
        state={state}
        filters={filters}
        setFilters={setFilters}
        options={options}
        workspaceNames={workspaceNames}
        searchRef={searchRef}
        visible={visible}
        items={items}
        pendingRows={list.pending ?? 0}
        onNeedAllRows={list.settle}
        shownAccount={scope!.shown}
        accountLabels={scope!.labels}
        onShowEveryAccount={() => showAccount(null)}
        activeId={activeId}
        setActiveId={setActiveId}
        copied={copied}
        copy={(bucket, what) => void copy(bucket, what)}
        openInWebApp={(bucket) => void openInWebApp(bucket)}
        onHistory={(bucket) => {
          setActiveId(bucketKey(bucket));
          setHistoryOf(bucketKey(bucket));
          setView('history');
        }}
        muted={muted}
        onMute={(bucket) => void mute.toggle(bucket)}
        onLiftRestriction={() => void bridge.invoke('updateSettings', { workspaceId: null })}
        onOrder={(listOrder) => void bridge.invoke('updateSettings', { listOrder })}
      />
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
        onRecent={() => setView(view === 'recent' ? 'buckets' : 'recent')}
        recentOpen={view === 'recent'}
        onDetach={detached ? undefined : () => void bridge.invoke('detachPopover')}
        onRefresh={refresh} onSettings={() => setView(view === 'settings' ? 'buckets' : 'settings')} />
      {banner && view === 'buckets' ? <Banner model={banner} onAction={onBannerAction} /> : null}
      {body}
      {problem ? <p class="toast" role="alert">{problem}</p> : mute.toast ? <UndoToast toast={mute.toast} /> : null}
      <div class="sr-only" aria-live="polite" role="status" data-testid="announcer">
        {announcement}
      </div>
    </main>
  );
}
