import type { AppState, AuthState, CommandName, CommandResult, Commands, Notice, Settings, SettingsPatch, StatePatch } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { FlashbackApi } from './api-client';
import { ApiFailure } from './api-errors';
import { BucketSync, INITIAL_SYNC, type PauseReason } from './bucket-sync';
import { systemClock, type Clock } from './clock';
import { runCommand, type CommandHandlers } from './command-router';
import type { ControllerOptions, ViewEvent } from './controller-options';
import type { Logger } from './logger';
import type { NotificationRequest } from './notification-policy';
import { requestPasswordReset } from './second-step';
import { Session } from './session';
import { applySettingsPatch } from './settings';
import { SettingsSaver } from './settings-saver';
import { StateStore } from './state-store';
import { memoryHistoryFile, StatusHistory } from './status-history';
import { noUpdater, UpdatePolicy } from './update-policy';
import { runMenuAction } from './menu-commands';
import { openBucketInWebApp } from './web-app-opener';
import { ViewFeed, type FeedSend } from './view-feed';

export type { PauseReason } from './bucket-sync';

export type { Clipboard, ControllerOptions, Notifier, ShellActions, ViewEvent } from './controller-options';

function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/**
 * The one place the app's state lives. It wires the session, the bucket sync and the
 * settings, and publishes the state to every view as numbered patches (see StateStore and
 * ViewFeed). It never imports Electron.
 */
export class AppController {
  private readonly store: StateStore;
  private readonly eventListeners = new Set<(event: ViewEvent) => void>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private api: FlashbackApi;
  private readonly session: Session;
  private readonly sync: BucketSync;
  private readonly history: StatusHistory;
  private readonly updates: UpdatePolicy;
  private noticeCounter = 0;
  private disposed = false;
  private readonly saver: SettingsSaver;

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
    });
    this.api = this.createApi(DEFAULT_SETTINGS.apiBaseUrl);
    this.session = this.createSession(DEFAULT_SETTINGS.apiBaseUrl);
    this.sync = new BucketSync({
      store: this.store,
      session: this.session,
      api: () => this.api,
      settings: () => this.store.state.settings,
      clock: this.clock,
      log: this.log,
      random: options.random,
      minRefreshGapMs: options.minRefreshGapMs,
      notify: (request) => this.notify(request),
      onChanges: (changes, at) => this.history.record(this.account, changes, at),
    });
    this.saver = new SettingsSaver(options.settingsStore, () => (this.disposed ? undefined : this.store.state.settings), this.log, (message) => this.addNotice('warning', message));
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

  /** Loads settings, restores the saved session and starts polling when signed in. */
  async start(): Promise<void> {
    const { settings, problem } = await this.options.settingsStore.load();
    if (this.disposed) return;
    this.store.update({ settings });
    if (problem) this.addNotice('warning', problem);
    const historyProblem = await this.history.load();
    if (this.disposed) return;
    if (historyProblem) this.addNotice('warning', historyProblem);
    this.api = this.createApi(settings.apiBaseUrl);
    this.sync.setIntervalMs(settings.pollIntervalSeconds * 1000);
    await this.session.restore(originOf(settings.apiBaseUrl));
    if (this.disposed) return;
    this.syncAuth(this.session.state);
    if (this.session.isSignedIn) this.sync.start();
    this.updates.start();
  }

  /** Writes the status history now (before quitting). */
  flushHistory(): Promise<void> {
    return this.history.flush();
  }

  dispose(): void {
    void this.history.dispose();
    this.updates.dispose();
    this.disposed = true;
    this.sync.stop();
    this.session.dispose();
    this.store.close();
    this.eventListeners.clear();
  }

  /** Validates untrusted arguments, then runs the command; every failure is a value. */
  dispatch<K extends CommandName>(name: K, rawArgs: unknown): Promise<CommandResult<Commands[K]['result']>> {
    return runCommand(this.handlers, name, rawArgs, this.log);
  }

  private readonly handlers: CommandHandlers = {
    getState: () => this.store.snapshot(),
    refresh: () => this.refresh(),
    copyText: async (text) => {
      await this.options.clipboard?.writeText(text);
    },
    signIn: (email, password) => this.signIn(email, password),
    verifyMfa: (method, code) => this.verifyMfa(method, code),
    sendMagicLink: () => this.session.sendMagicLink(),
    requestPasswordReset: (email) => requestPasswordReset(this.api, email),
    signInWithToken: (token) => this.signInWithToken(token),
    signOut: () => this.signOut(),
    updateSettings: (patch) => this.updateSettings(patch),
    dismissNotice: (id) => this.dismissNotice(id),
    getHistory: (bucketId) => this.history.entries(this.account, bucketId),
    openInWebApp: (bucketId) => openBucketInWebApp(this.store.state, bucketId, this.options.shell?.openExternal?.bind(this.options.shell)),
    checkForUpdates: () => this.updates.checkNow(),
    installUpdate: () => this.updates.install(),
    hidePopover: () => this.options.shell?.hidePopover(),
    detachPopover: () => this.options.shell?.detachPopover?.(),
    quit: () => this.options.shell?.quit(),
  };

  async refresh(): Promise<void> {
    if (!this.session.isSignedIn) throw new ApiFailure('auth', 'Sign in to see your buckets.');
    const outcome = await this.sync.refreshNow();
    if (outcome === 'rate-limited') {
      throw new ApiFailure('rate-limited', 'Flashback asked this app to wait before asking again; it will refresh by itself.');
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.session.signIn(email, password);
    this.afterSignIn();
  }

  async verifyMfa(method: Commands['verifyMfa']['args'][0], code: string): Promise<void> {
    await this.session.verifyMfa(method, code);
    this.afterSignIn();
  }

  async signInWithToken(token: string): Promise<void> {
    const settings = this.store.state.settings;
    const buckets = await this.session.signInWithToken(token, (candidate, signal) =>
      this.api.getAvailableBuckets(candidate, { workspaceId: settings.workspaceId, signal }),
    );
    if (this.disposed) return;
    this.sync.reset();
    this.sync.applyBuckets(buckets, undefined);
    this.sync.start({ firstPollInMs: settings.pollIntervalSeconds * 1000 });
  }

  async signOut(): Promise<void> {
    this.sync.stop();
    await this.session.signOut();
    this.sync.reset();
    this.store.update({ sync: INITIAL_SYNC });
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
    const saved = this.saver.save();
    let restored: Promise<void> | undefined;
    if (settings.apiBaseUrl !== previous.apiBaseUrl) restored = this.changeAddress(settings.apiBaseUrl);
    else if (settings.workspaceId !== previous.workspaceId && this.session.isSignedIn) {
      this.sync.forgetBaseline();
      this.sync.start();
    }
    this.sync.setIntervalMs(settings.pollIntervalSeconds * 1000);
    if (settings.autoUpdate !== previous.autoUpdate) this.updates.settingChanged();
    this.options.onSettingsChanged?.(settings, previous);
    await Promise.all([saved, restored]);
    return settings;
  }

  dismissNotice(id: string): void {
    this.store.update({ notices: this.store.state.notices.filter((notice) => notice.id !== id) });
  }

  addNotice(level: Notice['level'], message: string): void {
    const notice: Notice = { id: `notice-${++this.noticeCounter}`, level, message };
    this.store.update({ notices: [...this.store.state.notices, notice] });
  }

  /** Sleep, screen lock and offline pause polling; the last reason gone resumes it. */
  pause(reason: PauseReason): void {
    this.sync.pause(reason);
  }

  resume(reason: PauseReason): void {
    this.sync.resume(reason);
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

  private async changeAddress(apiBaseUrl: string): Promise<void> {
    this.sync.stop();
    this.api = this.createApi(apiBaseUrl);
    this.sync.reset();
    this.store.update({ sync: INITIAL_SYNC });
    await this.session.restore(originOf(apiBaseUrl));
    // Another address chosen meanwhile (or quit) owns what happens next.
    if (this.disposed || this.store.state.settings.apiBaseUrl !== apiBaseUrl) return;
    if (this.session.isSignedIn) this.sync.start();
  }

  /** The history's account: the API address's origin, as for the keychain. */
  private get account(): string {
    return originOf(this.store.state.settings.apiBaseUrl);
  }

  private afterSignIn(): void {
    if (this.disposed || !this.session.isSignedIn) return;
    this.sync.reset();
    this.sync.start();
  }

  private createApi(baseUrl: string): FlashbackApi {
    return new FlashbackApi({ baseUrl, fetch: this.options.fetch, timeoutMs: this.options.requestTimeoutMs, now: () => this.clock.now() });
  }

  private createSession(baseUrl: string): Session {
    const session = new Session({ api: () => this.api, keychain: this.options.keychain, account: originOf(baseUrl), clock: this.clock, log: this.log });
    session.onChange((auth) => this.syncAuth(auth));
    return session;
  }

  private syncAuth(auth: AuthState): void {
    const previous = this.store.state.auth;
    this.store.update({ auth });
    if (auth.kind === 'expired' && previous.kind !== 'expired') {
      this.sync.sessionEnded();
      const request = this.sync.sessionExpiredNotice(auth.message);
      if (request) this.notify(request);
    }
  }

  private notify(policyRequest: NotificationRequest): void {
    if (this.disposed) return;
    const request: NotificationRequest = { ...policyRequest, silent: !this.store.state.settings.notifications.sound };
    this.options.notifier?.show(request, () => {
      if (request.bucketId) this.emitViewEvent({ name: 'focusBucket', payload: request.bucketId });
      else this.emitViewEvent({ name: 'showView', payload: request.view ?? 'buckets' });
    });
  }
}
