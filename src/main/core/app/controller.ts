import type { SavedAccount } from '../../../shared/accounts';
import { DEFAULT_SETTINGS, RECENT_CHANGES_MAX, type AppState, type CommandName, type CommandResult, type Commands, type Notice, type Settings, type SettingsPatch, type StatePatch } from '../../../shared/contract';
import { AccountSet, randomAccountId } from '../accounts/account-set';
import { migrateLegacyAccount } from '../accounts/legacy-account';
import { FlashbackApi } from '../api/api-client';
import { ApiFailure } from '../api/api-errors';
import { INITIAL_SYNC, type PauseReason } from '../sync/bucket-sync';
import { systemClock, type Clock } from '../platform/clock';
import { runCommand, type CommandHandlers } from '../commands/command-router';
import type { ControllerOptions, ViewEvent } from './controller-options';
import { Lifetime } from '../platform/lifetime';
import type { Logger } from '../platform/logger';
import type { NotificationRequest } from '../notify/notification-policy';
import { requestPasswordReset } from '../session/second-step';
import { applySettingsPatch } from '../../../shared/settings-patch';
import { SettingsSaver } from '../settings/settings-saver';
import { StateStore } from '../view/state-store';
import { HISTORY_MAX_AGE_MS, memoryHistoryFile, StatusHistory } from '../notify/status-history';
import { recentChanges } from '../notify/recent-changes';
import { noUpdater, UpdatePolicy } from '../desktop/update-policy';
import { runMenuAction } from './menu-commands';
import { openBucketInWebApp } from '../desktop/web-app-opener';
import { ViewFeed, type FeedSend } from '../view/view-feed';

/**
 * The one place the app's state lives. It wires the accounts (each with its session and
 * bucket sync, see AccountSet), the settings, the history and updates, and publishes the
 * state to every view as numbered patches (see StateStore and ViewFeed). It never imports
 * Electron.
 */
export class AppController {
  private readonly store: StateStore;
  private readonly eventListeners = new Set<(event: ViewEvent) => void>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly accounts: AccountSet;
  private readonly history: StatusHistory;
  private readonly updates: UpdatePolicy;
  private noticeCounter = 0;
  private readonly lifetime = new Lifetime();
  private readonly saver: SettingsSaver;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: ControllerOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.store = new StateStore({
      auth: { kind: 'signing-in' },
      buckets: [],
      workspaces: [],
      sync: INITIAL_SYNC,
      settings: structuredClone(DEFAULT_SETTINGS),
      notices: [],
      update: { kind: 'idle' },
      accounts: [],
      currentAccount: null,
      draft: null,
    });
    this.accounts = new AccountSet({
      store: this.store,
      keychain: options.keychain,
      fetch: options.fetch,
      requestTimeoutMs: options.requestTimeoutMs,
      clock: this.clock,
      log: this.log,
      random: options.random,
      minRefreshGapMs: options.minRefreshGapMs,
      settings: () => this.store.state.settings,
      notify: (request) => this.notify(request),
      onChanges: (historyKey, changes, at) => this.history.record(historyKey, changes, at),
      onManyChanges: (historyKey, changes, at) => this.history.recordInSlices(historyKey, changes, at),
      lastChange: (historyKey, bucketId) => this.history.last(historyKey, bucketId),
      saveAccounts: (accounts) => this.saveAccounts(accounts),
      tell: (message) => this.addNotice('warning', message),
      forgetHistory: (key) => this.history.forgetAccount(key),
      newId: options.newAccountId,
    });
    this.saver = new SettingsSaver(options.settingsStore, () => this.store.state.settings, this.log, (message) => this.addNotice('warning', message));
    this.history = new StatusHistory(options.historyFile ?? memoryHistoryFile(), this.clock, this.log);
    this.updates = new UpdatePolicy({
      updater: options.updater ?? noUpdater(),
      clock: this.clock,
      log: this.log,
      autoUpdate: () => this.store.state.settings.autoUpdate,
      publish: (update) => this.store.update({ update }),
    });
  }

  get state(): AppState {
    return this.store.state;
  }

  /** Every change, as the patch that describes it (the tray and tests listen here). */
  subscribe(listener: (state: AppState, patch: StatePatch) => void): () => void {
    return this.store.subscribe((patch, state) => listener(state, patch));
  }

  /** A view's channel: patches while it shows, the pending ones (or a snapshot) when it opens. */
  createFeed(send: FeedSend, options?: { visible?: boolean; initialSnapshot?: boolean }): ViewFeed {
    return new ViewFeed(this.store, send, options);
  }

  onViewEvent(listener: (event: ViewEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * Loads settings (moving a first account of the release before into the list), removes
   * keychain entries no account owns, restores every account's sign-in and starts polling.
   */
  async start(): Promise<void> {
    const signal = this.lifetime.signal;
    const { settings: loaded, problem, unusable, rewrite } = await this.options.settingsStore.load();
    if (signal.aborted) return;
    if (problem) this.addNotice('warning', problem);
    const historyProblem = await this.history.load();
    if (signal.aborted) return;
    if (historyProblem) this.addNotice('warning', historyProblem);
    const migrated = unusable ? undefined : await migrateLegacyAccount(loaded, this.options.keychain, this.options.newAccountId ?? randomAccountId, this.log);
    if (signal.aborted) return;
    const settings = migrated?.settings ?? loaded;
    this.store.update({ settings });
    let saved = true;
    if (rewrite || migrated?.changed) saved = await this.options.settingsStore.save(settings).then(() => true, (error: unknown) => (this.log.warn('settings could not be saved', error), false));
    if (migrated?.history && saved) this.history.moveAccount(migrated.history.from, migrated.history.to);
    this.accounts.setIntervalMs(settings.pollIntervalSeconds * 1000);
    await this.accounts.start(settings, { sweep: saved && migrated?.sweepSafe === true });
    if (signal.aborted) return;
    this.updates.start();
  }

  /** Writes the status history now (before quitting). */
  flushHistory(): Promise<void> {
    return this.history.flush();
  }

  dispose(): void {
    void this.close();
  }

  /**
   * Stops everything at once (as `dispose`), and resolves once the writes it leaves behind are
   * done: the status history's last flush and a settings save already begun. After it nothing
   * touches the data folder (the preview removes a folder it made for the run).
   */
  close(): Promise<void> {
    this.closed ??= (() => {
      this.updates.dispose();
      this.lifetime.end();
      this.accounts.dispose();
      this.store.close();
      this.eventListeners.clear();
      return Promise.all([this.history.dispose(), this.saver.idle()]).then(() => undefined);
    })();
    return this.closed;
  }

  /** Validates untrusted arguments, then runs the command; every failure is a value. */
  dispatch<K extends CommandName>(name: K, rawArgs: unknown): Promise<CommandResult<Commands[K]['result']>> {
    return runCommand(this.handlers, name, rawArgs, this.log);
  }

  private readonly handlers: CommandHandlers = {
    getState: () => this.store.snapshot(),
    refresh: () => this.refresh(),
    copyText: (text) => this.options.clipboard?.writeText(text),
    signIn: (target, email, password) => this.accounts.signIn(target, email, password),
    verifyMfa: (target, method, code) => this.accounts.verifyMfa(target, method, code),
    sendMagicLink: (target) => this.accounts.sendMagicLink(target),
    requestPasswordReset: (apiBaseUrl, email) => requestPasswordReset(new FlashbackApi({ baseUrl: apiBaseUrl, fetch: this.options.fetch, timeoutMs: this.options.requestTimeoutMs }), email),
    signInWithToken: (target, token) => this.accounts.signInWithToken(target, token),
    cancelSignIn: (target) => this.accounts.cancelSignIn(target),
    signOut: (id) => this.accounts.signOut(id),
    addAccount: (apiBaseUrl, email, password) => this.accounts.add(apiBaseUrl, email, password),
    addAccountWithToken: (apiBaseUrl, token) => this.accounts.addWithToken(apiBaseUrl, token),
    useAccount: (id) => this.accounts.use(id),
    removeAccount: (id) => this.removeAccount(id),
    updateSettings: (patch) => this.updateSettings(patch),
    dismissNotice: (id) => this.dismissNotice(id),
    getHistory: (key) => {
      const found = this.accounts.resolve(key);
      return found ? this.history.entries(found.runtime.historyKey, found.id) : [];
    },
    getRecentChanges: () => recentChanges(this.history.lists(), this.accounts.runtimes.map((runtime) => ({ id: runtime.id, historyKey: runtime.historyKey, buckets: runtime.part.buckets })), RECENT_CHANGES_MAX, new Date(this.clock.now() - HISTORY_MAX_AGE_MS).toISOString()),
    getBucketNodes: (key) => {
      const found = this.accounts.resolve(key);
      return found ? found.runtime.bucketNodes(found.id) : Promise.reject(new ApiFailure('not-found', 'That bucket is no longer in the list.'));
    },
    openInWebApp: (key) => {
      const found = this.accounts.resolve(key);
      return openBucketInWebApp(this.store.state.settings, found?.runtime.part.buckets ?? [], found?.id ?? key, this.options.shell?.openExternal?.bind(this.options.shell));
    },
    checkForUpdates: () => this.updates.checkNow(),
    installUpdate: () => this.updates.install(),
    hidePopover: () => this.options.shell?.hidePopover(),
    detachPopover: () => this.options.shell?.detachPopover?.(),
    quit: () => this.options.shell?.quit(),
  };

  async refresh(): Promise<void> {
    const outcome = await this.accounts.refreshAll();
    if (outcome === 'rate-limited') {
      throw new ApiFailure('rate-limited', 'Flashback asked this app to wait before asking again; it will refresh by itself.');
    }
  }

  async removeAccount(id: string): Promise<void> {
    const removed = this.accounts.remove(id);
    // The list showed only that account: it shows every account now.
    if (this.store.state.settings.shownAccount === id) await this.updateSettings({ shownAccount: null });
    await removed;
  }

  /**
   * Applies the change at once, on top of every change before it (concurrent calls never
   * lose one another), then saves in order. A change of address or workspace restarts
   * polling; a pause reason (offline, asleep) still holds afterwards.
   */
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const previous = this.store.state.settings;
    const settings = applySettingsPatch(previous, patch);
    this.store.update({ settings });
    const saved = this.saver.save(this.lifetime.signal);
    if (settings.workspaceId !== previous.workspaceId) this.accounts.workspaceChanged();
    this.accounts.setIntervalMs(settings.pollIntervalSeconds * 1000);
    if (settings.autoUpdate !== previous.autoUpdate) this.updates.settingChanged();
    this.options.onSettingsChanged?.(settings, previous);
    await saved;
    return settings;
  }

  dismissNotice(id: string): void {
    this.store.update({ notices: this.store.state.notices.filter((notice) => notice.id !== id) });
  }

  /** How the app runs on this desktop: the shell decides it (core/desktop/desktop-session.ts), Settings shows it. */
  setDesktop(desktop: NonNullable<AppState['desktop']>): void {
    this.store.update({ desktop });
  }

  addNotice(level: Notice['level'], message: string): void {
    const notice: Notice = { id: `notice-${++this.noticeCounter}`, level, message };
    this.store.update({ notices: [...this.store.state.notices, notice] });
  }

  /** Sleep, screen lock and offline pause every account's polling; the last reason gone resumes it. */
  pause(reason: PauseReason): void {
    this.accounts.pause(reason);
  }

  resume(reason: PauseReason): void {
    this.accounts.pause(reason, false);
  }

  /**
   * Runs the tray menu items that are app commands (the same for the desktop and the
   * preview); returns false for the ones only the shell can do. See menu-commands.ts.
   */
  runMenuAction(action: unknown): Promise<boolean> {
    return runMenuAction(this, action, this.clock.now());
  }

  /** A notification click or a tray menu item asks the view to show something. */
  emitViewEvent(event: ViewEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  /** The accounts are saved with the settings (only when they changed). */
  private saveAccounts(accounts: SavedAccount[]): void {
    const settings = this.store.state.settings;
    if (JSON.stringify(accounts) === JSON.stringify(settings.accounts)) return;
    const shownAccount = settings.shownAccount === null || accounts.some((account) => account.id === settings.shownAccount) ? settings.shownAccount : null;
    this.store.update({ settings: { ...settings, accounts, shownAccount } });
    void this.saver.save(this.lifetime.signal);
  }

  private notify(policyRequest: NotificationRequest): void {
    if (this.lifetime.isEnded) return;
    const settings = this.store.state.settings;
    const request: NotificationRequest = { ...policyRequest, silent: !settings.notifications.sound };
    // With several accounts, each notification says whose buckets it is about.
    const label = this.store.state.accounts.length > 1 && request.account ? this.store.state.accounts.find((account) => account.id === request.account)?.label : undefined;
    if (label) request.body = `${request.body}\n${label}`;
    this.options.notifier?.show(request, () => {
      if (request.bucketId) this.emitViewEvent({ name: 'focusBucket', payload: request.bucketId });
      else {
        if (request.account && request.view === 'sign-in' && this.accounts.find(request.account)) this.accounts.use(request.account);
        this.emitViewEvent({ name: 'showView', payload: request.view ?? 'buckets' });
      }
    });
  }
}
