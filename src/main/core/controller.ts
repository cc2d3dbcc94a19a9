import type { AuthState, CommandName, CommandResult, Commands, Events, Notice, Settings, SettingsPatch, StatePatch, AppState } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { FlashbackApi, type FetchLike } from './api-client';
import { ApiFailure, isApiFailure } from './api-errors';
import { BucketSync, INITIAL_SYNC, type PauseReason } from './bucket-sync';
import { systemClock, type Clock } from './clock';
import { validateCommandArgs } from './commands';
import type { Keychain } from './keychain';
import type { Logger } from './logger';
import type { NotificationRequest } from './notification-policy';
import { Session, SignInError } from './session';
import { applySettingsPatch } from './settings';
import type { SettingsStore } from './settings-store';
import { StateStore } from './state-store';
import { runMenuAction } from './menu-commands';
import { ViewFeed, type FeedSend } from './view-feed';

export type { PauseReason } from './bucket-sync';

/** Shows a notification; `onClick` runs when the user clicks it. */
export interface Notifier {
  show(request: NotificationRequest, onClick: () => void): void;
}

export interface Clipboard {
  writeText(text: string): void | Promise<void>;
}

/** What only the desktop shell (or the preview) can do. */
export interface ShellActions {
  hidePopover(): void;
  quit(): void;
}

type StateEvent = 'snapshot' | 'patch' | 'shown';
/** Events the core asks a view to act on (state goes through a ViewFeed; 'shown' comes from the window). */
export type ViewEvent = { [K in Exclude<keyof Events, StateEvent>]: { name: K; payload: Events[K] } }[Exclude<keyof Events, StateEvent>];

export interface ControllerOptions {
  settingsStore: SettingsStore;
  keychain: Keychain;
  log: Logger;
  fetch?: FetchLike;
  clock?: Clock;
  random?: () => number;
  notifier?: Notifier;
  clipboard?: Clipboard;
  shell?: ShellActions;
  requestTimeoutMs?: number;
  /** Refresh clicks closer than this to the last request send nothing (default 3 s). */
  minRefreshGapMs?: number;
  /** Called after settings changed (the shell applies launch-at-login, shortcut, theme). */
  onSettingsChanged?: (settings: Settings, previous: Settings) => void;
}

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
  private noticeCounter = 0;
  private disposed = false;
  /** Saves run one at a time, in order; each writes the settings current when it runs. */
  private saving: Promise<void> = Promise.resolve();

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
    this.api = this.createApi(settings.apiBaseUrl);
    this.sync.setIntervalMs(settings.pollIntervalSeconds * 1000);
    await this.session.restore(originOf(settings.apiBaseUrl));
    if (this.disposed) return;
    this.syncAuth(this.session.state);
    if (this.session.isSignedIn) this.sync.start();
  }

  dispose(): void {
    this.disposed = true;
    this.sync.stop();
    this.session.dispose();
    this.store.close();
    this.eventListeners.clear();
  }

  /** Validates untrusted arguments, then runs the command; every failure is a value. */
  async dispatch<K extends CommandName>(name: K, rawArgs: unknown): Promise<CommandResult<Commands[K]['result']>> {
    const validated = validateCommandArgs(name, rawArgs);
    if (!validated.ok) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: validated.message } };
    try {
      const value = await this.run(name, validated.args);
      return { ok: true, value } as CommandResult<Commands[K]['result']>;
    } catch (error) {
      if (error instanceof SignInError) return { ok: false, error: { code: error.code, message: error.message } };
      if (isApiFailure(error)) return { ok: false, error: { code: error.kind, message: error.message } };
      this.log.error(`command ${name} failed`, error);
      return { ok: false, error: { code: 'UNEXPECTED', message: 'Something went wrong. Details are in the log.' } };
    }
  }

  private async run(name: CommandName, args: readonly unknown[]): Promise<unknown> {
    switch (name) {
      case 'getState':
        return this.store.snapshot();
      case 'refresh':
        return this.refresh();
      case 'copyText':
        await this.options.clipboard?.writeText(args[0] as string);
        return undefined;
      case 'signIn':
        return this.signIn(args[0] as string, args[1] as string);
      case 'verifyMfa':
        return this.verifyMfa(...(args as Commands['verifyMfa']['args']));
      case 'sendMagicLink':
        return this.session.sendMagicLink();
      case 'requestPasswordReset':
        return this.session.requestPasswordReset(args[0] as string);
      case 'signInWithToken':
        return this.signInWithToken(args[0] as string);
      case 'signOut':
        return this.signOut();
      case 'updateSettings':
        return this.updateSettings(args[0] as SettingsPatch);
      case 'dismissNotice':
        return this.dismissNotice(args[0] as string);
      case 'hidePopover':
        return this.options.shell?.hidePopover();
      case 'quit':
        return this.options.shell?.quit();
    }
  }

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
    const saved = this.saveSettings();
    let restored: Promise<void> | undefined;
    if (settings.apiBaseUrl !== previous.apiBaseUrl) restored = this.changeAddress(settings.apiBaseUrl);
    else if (settings.workspaceId !== previous.workspaceId && this.session.isSignedIn) {
      this.sync.forgetBaseline();
      this.sync.start();
    }
    this.sync.setIntervalMs(settings.pollIntervalSeconds * 1000);
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

  private saveSettings(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (this.disposed) return;
      try {
        await this.options.settingsStore.save(this.store.state.settings);
      } catch (error) {
        // The change still applies; only its survival across a restart is in doubt.
        this.log.warn('settings could not be saved', error);
        const message = error instanceof Error && error.name === 'SettingsNotSaved' ? error.message : 'Your settings could not be saved to disk. The change applies until you quit Flashback Tray.';
        this.addNotice('warning', message);
      }
    });
    return this.saving;
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

  private afterSignIn(): void {
    if (this.disposed || !this.session.isSignedIn) return;
    this.sync.reset();
    this.sync.start();
  }

  private createApi(baseUrl: string): FlashbackApi {
    return new FlashbackApi({ baseUrl, fetch: this.options.fetch, timeoutMs: this.options.requestTimeoutMs, now: () => this.clock.now() });
  }

  private createSession(baseUrl: string): Session {
    const session = new Session({
      api: () => this.api,
      keychain: this.options.keychain,
      account: originOf(baseUrl),
      clock: this.clock,
      log: this.log,
    });
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

  private notify(request: NotificationRequest): void {
    if (this.disposed) return;
    this.options.notifier?.show(request, () => {
      if (request.bucketId) this.emitViewEvent({ name: 'focusBucket', payload: request.bucketId });
      else this.emitViewEvent({ name: 'showView', payload: request.view ?? 'buckets' });
    });
  }
}
