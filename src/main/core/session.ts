import type { AuthState } from '../../shared/contract';
import { ApiFailure, isApiFailure } from './api-errors';
import { jwtExpiry, type FlashbackApi, type Tokens } from './api-client';
import type { Clock, TimerHandle } from './clock';
import { MemoryKeychain, type Keychain } from './keychain';
import type { Logger } from './logger';

/** Refresh this long before the access token expires (they live one hour). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface StoredCredentials {
  v: 1;
  method: 'password' | 'token';
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent for a pasted token whose expiry is unknown. */
  expiresAt?: number;
  email?: string;
}

/** A failed sign-in step, as a sentence for the form. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LOGIN_MESSAGES: Record<string, string> = {
  USER_NOT_FOUND: 'No Flashback account uses this email address.',
  INVALID_PASSWORD: 'That password is not right. Check it and try again.',
  USER_INACTIVE: "This Flashback account is not active. Ask your organisation's administrator to activate it.",
  NO_PASSWORD_SET:
    'This account has no password (it signs in with Google, GitHub or Microsoft). Paste an access token from the web app instead.',
};

function signInErrorFrom(error: unknown, fallback: string): SignInError {
  if (!isApiFailure(error)) return new SignInError('UNEXPECTED', fallback);
  const code = error.details.code;
  if (code && LOGIN_MESSAGES[code]) return new SignInError(code, LOGIN_MESSAGES[code]);
  if (error.kind === 'network') return new SignInError('NETWORK', `${error.message} Check your connection and try again.`);
  if (error.kind === 'rate-limited') return new SignInError('RATE_LIMITED', 'Too many sign-in attempts. Wait a minute and try again.');
  if (error.kind === 'auth') return new SignInError('REJECTED', fallback);
  return new SignInError(error.kind.toUpperCase().replace('-', '_'), error.message);
}

function parseStored(text: string | null): StoredCredentials | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    if (record.v !== 1 || typeof record.accessToken !== 'string' || !record.accessToken) return undefined;
    if (record.method !== 'password' && record.method !== 'token') return undefined;
    return {
      v: 1,
      method: record.method,
      accessToken: record.accessToken,
      refreshToken: typeof record.refreshToken === 'string' ? record.refreshToken : undefined,
      expiresAt: typeof record.expiresAt === 'number' ? record.expiresAt : undefined,
      email: typeof record.email === 'string' ? record.email : undefined,
    };
  } catch {
    return undefined;
  }
}

export interface SessionOptions {
  api: () => FlashbackApi;
  keychain: Keychain;
  /** The keychain account: the API base URL's origin, so staging and production stay apart. */
  account: string;
  clock: Clock;
  log: Logger;
}

/**
 * Owns the user's credentials: in the OS keychain and in this object's memory, nowhere
 * else. Signs in, refreshes before expiry and once on a 401, and says when the session
 * is over. Its `state` is safe to show: it never contains a token.
 */
export class Session {
  private credentials: StoredCredentials | undefined;
  private pendingMfa: { email: string; mfaToken: string } | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshTimer: TimerHandle | undefined;
  private keychain: Keychain;
  private storageProblem: string | undefined;
  private current: AuthState = { kind: 'signed-out' };
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly api: () => FlashbackApi;
  private readonly clock: Clock;
  private readonly log: Logger;
  private account: string;

  constructor(options: SessionOptions) {
    this.api = options.api;
    this.keychain = options.keychain;
    this.account = options.account;
    this.clock = options.clock;
    this.log = options.log;
  }

  get state(): AuthState {
    return this.current;
  }

  get isSignedIn(): boolean {
    return this.current.kind === 'signed-in';
  }

  onChange(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads saved credentials for `account` (at start, or after the API base URL changed). */
  async restore(account: string = this.account): Promise<void> {
    this.clearMemory();
    this.account = account;
    let text: string | null;
    try {
      text = await this.keychain.get(account);
    } catch (error) {
      this.log.warn('keychain read failed', error);
      this.setState({ kind: 'signed-out', message: `${errorText(error)} Sign in to continue.` });
      return;
    }
    const stored = parseStored(text);
    if (!stored) {
      if (text !== null) {
        this.log.warn('the saved sign-in in the keychain is unreadable; removed it');
        await this.forget();
      }
      this.setState(text === null ? { kind: 'signed-out' } : { kind: 'signed-out', message: 'Your saved sign-in could not be read. Sign in again to continue.' });
      return;
    }
    this.credentials = stored;
    if (stored.method === 'token' && stored.expiresAt !== undefined && stored.expiresAt <= this.clock.now()) {
      await this.expire('Your pasted access token has expired. Paste a new one or sign in with your password.');
      return;
    }
    this.setSignedIn();
    this.scheduleRefresh();
  }

  async signIn(email: string, password: string): Promise<void> {
    const previous = this.current;
    this.setState({ kind: 'signing-in' });
    try {
      const result = await this.api().login(email, password);
      if (result.kind === 'mfa-required') {
        this.pendingMfa = { email, mfaToken: result.mfaToken };
        this.setState({ kind: 'mfa-required', email });
        return;
      }
      await this.adopt({ v: 1, method: 'password', ...result.tokens, email: result.user.email ?? email });
    } catch (error) {
      this.setState(previous.kind === 'signing-in' ? { kind: 'signed-out' } : previous);
      throw signInErrorFrom(error, 'Flashback did not accept this email and password.');
    }
  }

  async verifyMfa(code: string): Promise<void> {
    const pending = this.pendingMfa;
    if (!pending) throw new SignInError('NO_MFA', 'There is no sign-in waiting for a code. Start again with your email and password.');
    try {
      const tokens = await this.api().verifyMfa(pending.mfaToken, code);
      this.pendingMfa = undefined;
      await this.adopt({ v: 1, method: 'password', ...tokens, email: pending.email });
    } catch (error) {
      throw signInErrorFrom(error, 'That code is not right or has expired. Enter the newest code from your authenticator app.');
    }
  }

  /**
   * Accepts an access token pasted from the web app after one successful request with it;
   * returns that request's result so the caller need not ask again.
   */
  async signInWithToken<T>(token: string, validate: (token: string) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await validate(token);
    } catch (error) {
      if (isApiFailure(error) && error.kind === 'auth') {
        throw new SignInError('TOKEN_REJECTED', 'Flashback did not accept this token. Copy a fresh one from the web app and try again.');
      }
      throw signInErrorFrom(error, 'This token could not be checked.');
    }
    await this.adopt({ v: 1, method: 'token', accessToken: token, expiresAt: jwtExpiry(token) });
    return result;
  }

  /** Best-effort logout at the server; the local sign-out always happens, online or not. */
  async signOut(): Promise<void> {
    const credentials = this.credentials;
    this.clearMemory();
    this.pendingMfa = undefined;
    this.setState({ kind: 'signed-out' });
    if (credentials?.refreshToken) {
      this.api()
        .logout(credentials.refreshToken, credentials.accessToken, AbortSignal.timeout(5000))
        .catch((error: unknown) => this.log.info('logout at the server failed (signed out locally anyway)', error));
    }
    await this.forget();
  }

  /**
   * Runs an authorised request: refreshes first when the token is about to expire, and
   * once more (then retries once) when the server answers 401.
   */
  async withAccessToken<T>(run: (accessToken: string) => Promise<T>): Promise<T> {
    const credentials = this.credentials;
    if (!credentials || this.current.kind !== 'signed-in') throw new ApiFailure('auth', 'You are signed out.');
    const expiresAt = credentials.expiresAt ?? Number.POSITIVE_INFINITY;
    if (credentials.refreshToken && expiresAt - this.clock.now() < REFRESH_MARGIN_MS) {
      await this.refresh().catch((error: unknown) => {
        // A network failure while the old token still works is not worth failing the poll for.
        if (!isApiFailure(error) || error.kind !== 'network' || expiresAt <= this.clock.now()) throw error;
      });
    } else if (!credentials.refreshToken && expiresAt <= this.clock.now()) {
      throw await this.expire('Your pasted access token has expired. Paste a new one or sign in with your password.');
    }
    try {
      return await run(this.credentials!.accessToken);
    } catch (error) {
      if (!isApiFailure(error) || error.details.status !== 401 || !this.credentials) throw error;
      if (!this.credentials.refreshToken) {
        throw await this.expire('Flashback no longer accepts your pasted access token. Paste a new one or sign in with your password.');
      }
      await this.refresh();
      try {
        return await run(this.credentials!.accessToken);
      } catch (retryError) {
        if (isApiFailure(retryError) && retryError.details.status === 401) {
          throw await this.expire('Flashback keeps rejecting your sign-in, even a renewed one. Sign in again to resume updates.');
        }
        throw retryError;
      }
    }
  }

  /** One refresh at a time; a rejected refresh ends the session. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  dispose(): void {
    this.cancelRefreshTimer();
  }

  private async doRefresh(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials?.refreshToken) throw new ApiFailure('auth', 'There is no session to renew.');
    let tokens: Tokens;
    try {
      tokens = await this.api().refresh(credentials.refreshToken);
    } catch (error) {
      if (isApiFailure(error) && (error.kind === 'auth' || error.details.status === 400)) {
        throw await this.expire('Your Flashback session has ended. Sign in again to resume updates.');
      }
      throw error;
    }
    if (this.credentials !== credentials) return; // signed out meanwhile
    this.credentials = { ...credentials, ...tokens };
    this.scheduleRefresh();
    await this.persist();
  }

  private async adopt(credentials: StoredCredentials): Promise<void> {
    this.clearMemory();
    this.credentials = credentials;
    await this.persist();
    this.setSignedIn();
    this.scheduleRefresh();
  }

  /** Saves to the keychain; when that fails, keeps the sign-in in memory and says so. */
  private async persist(): Promise<void> {
    if (!this.credentials) return;
    try {
      await this.keychain.set(this.account, JSON.stringify(this.credentials));
    } catch (error) {
      this.log.warn('keychain write failed; keeping the sign-in in memory only', error);
      this.storageProblem = `${errorText(error)} Your sign-in will not survive a restart.`;
      this.keychain = new MemoryKeychain(this.storageProblem);
      await this.keychain.set(this.account, JSON.stringify(this.credentials));
      if (this.current.kind === 'signed-in') this.setSignedIn();
    }
  }

  private async forget(): Promise<void> {
    try {
      await this.keychain.delete(this.account);
    } catch (error) {
      this.log.warn('keychain delete failed', error);
    }
  }

  /** Ends the session: state `expired` with the reason; returns the failure to throw. */
  private async expire(message: string): Promise<ApiFailure> {
    const email = this.credentials?.email;
    this.clearMemory();
    this.setState({ kind: 'expired', message, email });
    await this.forget();
    return new ApiFailure('auth', message, { status: 401, code: 'SESSION_EXPIRED' });
  }

  private setSignedIn(): void {
    const credentials = this.credentials;
    if (!credentials) return;
    const problem = this.storageProblem ?? this.keychain.problem;
    this.setState({
      kind: 'signed-in',
      email: credentials.email,
      method: credentials.method,
      storage: this.keychain.storage,
      ...(this.keychain.storage === 'session-only' && problem ? { storageProblem: problem } : {}),
    });
  }

  private scheduleRefresh(): void {
    this.cancelRefreshTimer();
    const credentials = this.credentials;
    if (!credentials?.refreshToken || credentials.expiresAt === undefined) return;
    const delay = Math.max(0, credentials.expiresAt - REFRESH_MARGIN_MS - this.clock.now());
    this.refreshTimer = this.clock.setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh().catch((error: unknown) => this.log.info('scheduled token refresh failed; the next request retries', error));
    }, delay);
  }

  private cancelRefreshTimer(): void {
    if (this.refreshTimer !== undefined) this.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private clearMemory(): void {
    this.cancelRefreshTimer();
    this.credentials = undefined;
  }

  private setState(state: AuthState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error && error.name === 'KeychainError' ? error.message : 'The system keychain could not be used.';
}
