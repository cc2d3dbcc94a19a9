import type {
  AppState,
  AuthState,
  CommandName,
  CommandResult,
  Commands,
  Events,
  Notice,
  Settings,
  SettingsPatch,
  SyncState,
} from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { FlashbackApi, type FetchLike } from './api-client';
import { ApiFailure, isApiFailure } from './api-errors';
import type { ParsedBucket } from './bucket-schema';
import { BucketTracker } from './bucket-changes';
import { systemClock, type Clock } from './clock';
import { validateCommandArgs } from './commands';
import type { Keychain } from './keychain';
import type { Logger } from './logger';
import { NotificationPolicy, type NotificationRequest } from './notification-policy';
import { Poller } from './poller';
import { Session, SignInError } from './session';
import { applySettingsPatch } from './settings';
import { WorkspaceDirectory } from './workspace-directory';
import { pauseUntil } from './tray-model';
import type { SettingsStore } from './settings-store';

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

export type PauseReason = 'sleep' | 'lock' | 'offline';

/** Events the core asks a view to act on (state goes by subscription; 'shown' comes from the window). */
export type ViewEvent = { [K in Exclude<keyof Events, 'state' | 'shown'>]: { name: K; payload: Events[K] } }[Exclude<keyof Events, 'state' | 'shown'>];

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
  /** Called after settings changed (the shell applies launch-at-login, shortcut, theme). */
  onSettingsChanged?: (settings: Settings, previous: Settings) => void;
}

function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

const INITIAL_SYNC: SyncState = { phase: 'idle', stale: false, inFlight: false };

/**
 * The one place the app's state lives. It wires the session, the poller, change
 * detection and the notification policy, and publishes immutable `AppState`
 * snapshots to every view. It never imports Electron.
 */
export class AppController {
  private snapshot: AppState;
  private readonly listeners = new Set<(state: AppState) => void>();
  private readonly eventListeners = new Set<(event: ViewEvent) => void>();
  private readonly tracker = new BucketTracker();
  private readonly policy = new NotificationPolicy();
  private readonly pauseReasons = new Set<PauseReason>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private api: FlashbackApi;
  private readonly session: Session;
  private readonly poller: Poller<ParsedBucket[]>;
  private readonly workspaces: WorkspaceDirectory;
  private noticeCounter = 0;
  private disposed = false;

  constructor(private readonly options: ControllerOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.snapshot = {
      auth: { kind: 'signing-in' },
      buckets: [],
      workspaces: [],
      sync: INITIAL_SYNC,
      settings: structuredClone(DEFAULT_SETTINGS),
      notices: [],
    };
    this.api = this.createApi(DEFAULT_SETTINGS.apiBaseUrl);
    this.session = this.createSession(DEFAULT_SETTINGS.apiBaseUrl);
    this.poller = this.createPoller(DEFAULT_SETTINGS.pollIntervalSeconds * 1000);
    this.workspaces = new WorkspaceDirectory({
      fetch: (signal) => this.session.withAccessToken((token) => this.api.getWorkspaces(token, signal)),
      onChange: (workspaces) => this.update({ workspaces }),
      log: this.log,
    });
  }

  get state(): AppState {
    return this.snapshot;
  }

  subscribe(listener: (state: AppState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onViewEvent(listener: (event: ViewEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Loads settings, restores the saved session and starts polling when signed in. */
  async start(): Promise<void> {
    const { settings, problem } = await this.options.settingsStore.load();
    this.snapshot = { ...this.snapshot, settings };
    if (problem) this.addNotice('warning', problem);
    this.api = this.createApi(settings.apiBaseUrl);
    this.poller.setIntervalMs(settings.pollIntervalSeconds * 1000);
    await this.session.restore(originOf(settings.apiBaseUrl));
    this.syncAuth(this.session.state);
    if (this.session.isSignedIn) this.poller.start();
  }

  dispose(): void {
    this.disposed = true;
    this.poller.stop();
    this.session.dispose();
    this.listeners.clear();
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
        return this.snapshot;
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
    const outcome = await this.poller.refreshNow();
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
    const settings = this.snapshot.settings;
    const buckets = await this.session.signInWithToken(token, (candidate, signal) =>
      this.api.getAvailableBuckets(candidate, { workspaceId: settings.workspaceId, signal }),
    );
    this.resetBuckets();
    this.applyBuckets(buckets, undefined);
    this.poller.start({ firstPollInMs: settings.pollIntervalSeconds * 1000 });
  }

  async signOut(): Promise<void> {
    this.poller.stop();
    await this.session.signOut();
    this.resetBuckets();
    this.update({ sync: INITIAL_SYNC });
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const previous = this.snapshot.settings;
    const settings = applySettingsPatch(previous, patch);
    try {
      await this.options.settingsStore.save(settings);
    } catch (error) {
      // The change still applies; only its survival across a restart is in doubt.
      this.log.warn('settings could not be saved', error);
      this.addNotice('warning', 'Your settings could not be saved to disk. The change applies until you quit Flashback Tray.');
    }
    this.update({ settings });
    if (settings.apiBaseUrl !== previous.apiBaseUrl) {
      this.poller.stop();
      this.api = this.createApi(settings.apiBaseUrl);
      this.resetBuckets();
      this.update({ sync: INITIAL_SYNC });
      await this.session.restore(originOf(settings.apiBaseUrl));
      if (this.session.isSignedIn) this.poller.start();
    } else if (settings.workspaceId !== previous.workspaceId && this.session.isSignedIn) {
      this.tracker.reset();
      this.poller.start();
    }
    this.poller.setIntervalMs(settings.pollIntervalSeconds * 1000);
    this.options.onSettingsChanged?.(settings, previous);
    return settings;
  }

  dismissNotice(id: string): void {
    this.update({ notices: this.snapshot.notices.filter((notice) => notice.id !== id) });
  }

  addNotice(level: Notice['level'], message: string): void {
    const notice: Notice = { id: `notice-${++this.noticeCounter}`, level, message };
    this.update({ notices: [...this.snapshot.notices, notice] });
  }

  /** Sleep, screen lock and offline pause polling; the last reason gone resumes it. */
  pause(reason: PauseReason): void {
    this.pauseReasons.add(reason);
    this.poller.pause();
    this.update({ sync: { ...this.snapshot.sync, phase: this.pausedPhase(), nextPollAt: undefined, inFlight: false } });
  }

  resume(reason: PauseReason): void {
    if (!this.pauseReasons.delete(reason) || this.pauseReasons.size > 0) return;
    const phase = this.snapshot.sync.error ? 'error' : 'idle';
    this.update({ sync: { ...this.snapshot.sync, phase } });
    // Waking up or coming back online: the list is probably old, so ask right away.
    this.poller.resume({ immediately: true });
  }

  /**
   * Runs the tray menu items that are app commands (the same for the desktop and the
   * preview); returns false for the ones only the shell can do (open, copy, logs, quit).
   * The action may come from a page, so its shape is checked first.
   */
  async runMenuAction(action: unknown): Promise<boolean> {
    const type = action && typeof action === 'object' && 'type' in action ? action.type : undefined;
    switch (type) {
      case 'refresh':
        await this.dispatch('refresh', []);
        return true;
      case 'pause-notifications': {
        const until = (action as { until?: unknown }).until;
        if (until !== 'hour' && until !== 'tomorrow') return false;
        await this.dispatch('updateSettings', [{ notificationsPausedUntil: pauseUntil(until, new Date(this.clock.now())).toISOString() }]);
        return true;
      }
      case 'resume-notifications':
        await this.dispatch('updateSettings', [{ notificationsPausedUntil: null }]);
        return true;
      case 'toggle-launch-at-login':
        await this.dispatch('updateSettings', [{ launchAtLogin: !this.snapshot.settings.launchAtLogin }]);
        return true;
      case 'sign-out':
        await this.dispatch('signOut', []);
        return true;
      case 'settings':
      case 'sign-in':
        this.emitViewEvent({ name: 'showView', payload: type });
        return true;
      default:
        return false;
    }
  }

  /** A notification click or a tray menu item asks the view to show something. */
  emitViewEvent(event: ViewEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  private pausedPhase(): SyncState['phase'] {
    return this.pauseReasons.has('offline') ? 'offline' : 'paused';
  }

  private afterSignIn(): void {
    if (!this.session.isSignedIn) return;
    this.resetBuckets();
    this.poller.start();
  }

  private resetBuckets(): void {
    this.tracker.reset();
    this.policy.reset();
    this.workspaces.reset();
    this.update({ buckets: [], workspaces: [] });
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

  private createPoller(intervalMs: number): Poller<ParsedBucket[]> {
    return new Poller<ParsedBucket[]>({
      intervalMs,
      clock: this.clock,
      random: this.options.random,
      poll: (signal) =>
        this.session.withAccessToken((token) =>
          this.api.getAvailableBuckets(token, { workspaceId: this.snapshot.settings.workspaceId, signal }),
        ),
      hooks: {
        onRequestStart: () => {
          this.update({ sync: { ...this.snapshot.sync, phase: 'refreshing', inFlight: true } });
        },
        onSuccess: (buckets, nextPollAt) => this.applyBuckets(buckets, nextPollAt),
        onFailure: (failure, nextPollAt) => this.applyFailure(failure, nextPollAt),
        onScheduleChange: (nextPollAt) => {
          this.update({ sync: { ...this.snapshot.sync, nextPollAt: iso(nextPollAt) } });
        },
      },
    });
  }

  private applyBuckets(buckets: ParsedBucket[], nextPollAt: number | undefined): void {
    const now = this.clock.now();
    const { views, changes, baseline } = this.tracker.update(buckets, new Date(now).toISOString());
    this.update({
      buckets: views,
      sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(now).toISOString(), nextPollAt: iso(nextPollAt) },
    });
    this.workspaces.afterSuccessfulPoll(this.session.signal);
    if (baseline || changes.length === 0) return;
    const request = this.policy.forChanges(changes, this.snapshot.settings, now);
    if (request) this.notify(request);
  }

  private applyFailure(failure: ApiFailure, nextPollAt: number | undefined): void {
    if (failure.kind === 'aborted') return;
    this.log.warn(`poll failed: ${failure.kind}`, { status: failure.details.status, code: failure.details.code });
    const sync: SyncState = {
      ...this.snapshot.sync,
      phase: 'error',
      inFlight: false,
      stale: this.snapshot.buckets.length > 0 || this.snapshot.sync.lastSuccessAt !== undefined,
      nextPollAt: iso(nextPollAt),
      error: { kind: failure.kind, message: failure.message, ...(nextPollAt ? { retryAt: iso(nextPollAt) } : {}) },
    };
    this.update({ sync });
  }

  private syncAuth(auth: AuthState): void {
    const previous = this.snapshot.auth;
    this.update({ auth });
    if (auth.kind === 'expired' && previous.kind !== 'expired') {
      this.poller.stop();
      this.update({ sync: { ...this.snapshot.sync, phase: 'error', inFlight: false, stale: true, nextPollAt: undefined } });
      const request = this.policy.forSessionExpired(auth.message, this.snapshot.settings, this.clock.now());
      if (request) this.notify(request);
    }
  }

  private notify(request: NotificationRequest): void {
    this.options.notifier?.show(request, () => {
      if (request.bucketId) this.emitViewEvent({ name: 'focusBucket', payload: request.bucketId });
      else this.emitViewEvent({ name: 'showView', payload: request.view ?? 'buckets' });
    });
  }

  private update(patch: Partial<AppState>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}
