import type { AuthState, MfaMethod, SupportedMfaMethod } from '../../../shared/contract';
import { ApiFailure, isApiFailure } from '../api/api-errors';
import type { BearerSource, FlashbackApi } from '../api/api-client';
import type { Clock } from '../platform/clock';
import { CredentialVault } from './credential-vault';
import type { Keychain } from '../platform/keychain';
import { Lifetime } from '../platform/lifetime';
import type { Logger } from '../platform/logger';
import { SignInError, signInErrorFrom } from './sign-in-errors';
import { AccessTokens, PASTED_EXPIRED, signedOut } from './access-tokens';
import { cancelledSignIn, mailSignInLink, secondStepStatus, verifySecondStep } from './second-step';
import { parseStoredCredentials, type StoredCredentials } from './stored-credentials';
import { jwtExpiry } from '../api/token-expiry';

export { SignInError } from './sign-in-errors';

const cancelled = cancelledSignIn;

interface PendingSecondStep {
  email: string;
  /** The limited token from `/user/login`: in memory only, never in the keychain. */
  limitedToken: string;
  methods: MfaMethod[];
  magicLinkSent: boolean;
}

interface SessionOptions {
  api: () => FlashbackApi;
  keychain: Keychain;
  /** The keychain account: the API base URL's origin (and, for an added account, its id), so staging and production, and two accounts, stay apart. */
  account: string;
  clock: Clock;
  log: Logger;
}

/**
 * Owns the user's credentials: in the OS keychain and in this object's memory, nowhere
 * else. Signs in (with the second step when due), refreshes before expiry and once on a
 * 401, and says when the session is over. Every async step runs under the session's
 * `Lifetime`: sign-in, sign-out, an account change or dispose end the generation, and work
 * begun under an older one never touches state or the keychain. `state` never holds a token.
 */
export class Session {
  private pending: PendingSecondStep | undefined;
  private readonly tokens: AccessTokens;
  private current: AuthState = { kind: 'signed-out' };
  private readonly lifetime = new Lifetime();
  private readonly vault: CredentialVault;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly api: () => FlashbackApi;
  private readonly clock: Clock;
  private readonly log: Logger;
  private account: string;

  constructor(options: SessionOptions) {
    this.api = options.api;
    this.vault = new CredentialVault(options.keychain, options.log);
    this.account = options.account;
    this.clock = options.clock;
    this.log = options.log;
    this.tokens = new AccessTokens({
      api: options.api,
      vault: this.vault,
      account: () => this.account,
      clock: options.clock,
      log: options.log,
      expire: (signal, message, reason) => this.expire(signal, message, reason),
      renewed: () => this.setSignedIn(),
    });
  }

  get state(): AuthState {
    return this.current;
  }

  get isSignedIn(): boolean {
    return this.current.kind === 'signed-in';
  }

  /** The current generation's signal, for work the controller runs on the session's behalf. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  onChange(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads saved credentials for `account` (at start, or after the API base URL changed). */
  async restore(account: string = this.account): Promise<void> {
    const signal = this.begin('account changed');
    this.account = account;
    const read = await this.vault.read(account);
    if (signal.aborted) return;
    if (!read.ok) return this.setState({ kind: 'signed-out', message: `${read.problem} Sign in to continue.` });
    const stored = parseStoredCredentials(read.text);
    if (!stored) {
      if (read.text === null) return this.setState({ kind: 'signed-out' });
      this.log.warn('the saved sign-in in the keychain is unreadable; removed it');
      await this.vault.remove(account);
      if (!signal.aborted) this.setState({ kind: 'signed-out', message: 'Your saved sign-in could not be read. Sign in again to continue.' });
      return;
    }
    this.tokens.hold(stored, false);
    if (stored.method === 'token' && stored.expiresAt !== undefined && stored.expiresAt <= this.clock.now()) {
      await this.expire(signal, PASTED_EXPIRED, 'saved pasted token expired');
      return;
    }
    this.setSignedIn();
    this.tokens.schedule(signal);
  }

  /** `POST /user/login`, then `GET /mfa/status` with the new token: signed in, or the second step is due. */
  async signIn(email: string, password: string): Promise<void> {
    const previous = this.current;
    // Whatever happens meanwhile (sign-out, another sign-in, dispose) ends this generation.
    const started = this.lifetime.signal;
    this.setState({ kind: 'signing-in' });
    try {
      const { grant, user } = await this.api().login(email, password, started);
      if (started.aborted) throw cancelled();
      const accountEmail = user.email ?? email;
      const status = await secondStepStatus(this.api(), grant.bearer, started, this.log);
      if (started.aborted) throw cancelled();
      const signal = this.begin('new sign-in');
      if (status.required) {
        this.pending = { email: accountEmail, limitedToken: grant.bearer, methods: status.methods, magicLinkSent: false };
        this.setPendingState();
        return;
      }
      await this.adopt(signal, { v: 1, method: 'password', ...grant.fullAccess(status), email: accountEmail });
    } catch (error) {
      if (started.aborted) throw cancelled();
      this.setState(previous.kind === 'signing-in' || previous.kind === 'mfa-required' ? { kind: 'signed-out' } : previous);
      throw signInErrorFrom(error, 'Flashback did not accept this email and password.');
    }
  }

  /** `POST /mfa/verify-login` with the limited token; a wrong code keeps the code step. */
  async verifyMfa(method: SupportedMfaMethod, code: string): Promise<void> {
    const pending = this.requirePending();
    const signal = this.lifetime.signal;
    const tokens = await verifySecondStep(this.api(), pending.limitedToken, method, code, signal);
    if (signal.aborted || this.pending !== pending) throw cancelled();
    await this.adopt(signal, { v: 1, method: 'password', ...tokens, email: pending.email });
  }

  /** `POST /mfa/magic-link/send`: the platform mails a sign-in link for the pending sign-in. */
  async sendMagicLink(): Promise<void> {
    const pending = this.requirePending();
    const signal = this.lifetime.signal;
    await mailSignInLink(this.api(), pending.limitedToken, signal);
    if (signal.aborted || this.pending !== pending) throw cancelled();
    pending.magicLinkSent = true;
    this.setPendingState();
  }

  /**
   * Accepts an access token pasted from the web app after one successful request with it;
   * returns that request's result so the caller need not ask again.
   */
  async signInWithToken<T>(token: string, validate: (token: string, signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = this.lifetime.signal;
    let result: T;
    try {
      result = await validate(token, started);
    } catch (error) {
      if (started.aborted) throw cancelled();
      if (isApiFailure(error) && error.kind === 'auth') {
        throw new SignInError('TOKEN_REJECTED', 'Flashback did not accept this token. Copy a fresh one from the web app and try again.');
      }
      throw signInErrorFrom(error, 'This token could not be checked.');
    }
    if (started.aborted) throw cancelled();
    await this.adopt(this.begin('new sign-in'), { v: 1, method: 'token', accessToken: token, expiresAt: jwtExpiry(token) });
    return result;
  }

  /**
   * Best-effort logout at the server; the local sign-out always happens, online or not.
   * Resolves false when the keychain refused to delete the saved sign-in (it is still there).
   */
  async signOut(): Promise<boolean> {
    const credentials = this.tokens.credentials;
    this.begin('signed out');
    this.setState({ kind: 'signed-out' });
    if (credentials?.refreshToken) {
      this.api()
        // Not tied to the session (it just ended): bounded by the request deadline alone.
        .logout(credentials.refreshToken, credentials.accessToken)
        .catch((error: unknown) => this.log.info('logout at the server failed (signed out locally anyway)', error));
    }
    return this.vault.remove(this.account);
  }

  /**
   * Runs an authorised request: refreshes first when the token is about to expire, and
   * once more (then retries once) when the server answers 401.
   */
  async withAccessToken<T>(run: (bearer: BearerSource) => Promise<T>): Promise<T> {
    if (this.current.kind !== 'signed-in') throw new ApiFailure('auth', 'You are signed out.');
    return this.tokens.run(this.lifetime.signal, run);
  }

  /** One refresh at a time; a refused refresh ends the session. */
  refresh(): Promise<void> {
    return this.tokens.refresh(this.lifetime.signal);
  }

  dispose(): void {
    this.lifetime.end();
    this.tokens.forget();
  }

  private requirePending(): PendingSecondStep {
    if (this.pending && this.current.kind === 'mfa-required') return this.pending;
    throw new SignInError('NO_MFA', 'There is no sign-in waiting for a second step. Start again with your email and password.');
  }

  private async adopt(signal: AbortSignal, credentials: StoredCredentials): Promise<void> {
    if (signal.aborted) throw cancelled();
    this.pending = undefined;
    this.tokens.hold(credentials, true);
    await this.vault.save(this.account, credentials, signal);
    if (signal.aborted) throw cancelled();
    this.setSignedIn();
    this.tokens.schedule(signal);
  }

  /** Ends the session (state `expired` with the reason) unless `signal`'s generation is already over. */
  private async expire(signal: AbortSignal, message: string, reason: string): Promise<ApiFailure> {
    if (signal.aborted) return signedOut();
    const email = this.tokens.credentials?.email;
    this.begin('session ended');
    this.log.warn(`session ended: ${reason}`);
    this.setState({ kind: 'expired', message, ...(email ? { email } : {}) });
    await this.vault.remove(this.account);
    return new ApiFailure('auth', message, { status: 401, code: 'SESSION_EXPIRED' });
  }

  /** Starts a new generation: forgets what memory held and cancels the refresh timer. */
  private begin(reason: string): AbortSignal {
    const signal = this.lifetime.renew(reason);
    this.tokens.forget();
    this.pending = undefined;
    return signal;
  }

  private setPendingState(): void {
    const pending = this.pending;
    if (!pending) return;
    this.setState({ kind: 'mfa-required', email: pending.email, methods: pending.methods, ...(pending.magicLinkSent ? { magicLinkSent: true } : {}) });
  }

  private setSignedIn(): void {
    const credentials = this.tokens.credentials;
    if (!credentials) return;
    const problem = this.vault.problem;
    this.setState({
      kind: 'signed-in',
      email: credentials.email,
      method: credentials.method,
      storage: this.vault.storage,
      ...(this.vault.storage === 'session-only' && problem ? { storageProblem: problem } : {}),
    });
  }

  private setState(state: AuthState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
