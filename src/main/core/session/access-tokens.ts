import { ApiFailure, isApiFailure } from '../api/api-errors';
import type { BearerSource, FlashbackApi, Tokens } from '../api/api-client';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { CredentialVault } from './credential-vault';
import { MIN_REFRESH_INTERVAL_MS, REFRESH_MARGIN_MS, RefreshTimer } from './refresh-timer';
import type { StoredCredentials } from './stored-credentials';

export const PASTED_EXPIRED = 'Your pasted access token has expired. Paste a new one or sign in with your password.';
export const signedOut = () => new ApiFailure('aborted', 'Signed out.');

interface AccessTokensOptions {
  api: () => FlashbackApi;
  vault: CredentialVault;
  /** The keychain account the renewed tokens are saved under. */
  account: () => string;
  clock: Clock;
  log: Logger;
  /** Ends the session (unless `signal`'s generation is over) and returns the failure to throw. */
  expire: (signal: AbortSignal, message: string, reason: string) => Promise<ApiFailure>;
  /** A refresh stored new tokens: the signed-in state may say so. */
  renewed: () => void;
}

/**
 * The session's tokens in memory and keeping them valid: refreshes before expiry (one at
 * a time, never in a loop), once on a 401, and hands a request the token of the
 * generation it started under. Who is signed in, and when that ends, is `Session`'s.
 */
export class AccessTokens {
  private held: StoredCredentials | undefined;
  private refreshing: Promise<void> | undefined;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private readonly timer: RefreshTimer;

  constructor(private readonly options: AccessTokensOptions) {
    this.timer = new RefreshTimer(options.clock);
  }

  get credentials(): StoredCredentials | undefined {
    return this.held;
  }

  /** Holds freshly signed-in (`fresh`) or restored credentials. */
  hold(credentials: StoredCredentials, fresh: boolean): void {
    this.timer.cancel();
    this.held = credentials;
    if (fresh) this.lastRefreshAt = Number.NEGATIVE_INFINITY;
  }

  /** Forgets what memory held and cancels the refresh timer (a new generation began). */
  forget(): void {
    this.timer.cancel();
    this.held = undefined;
    this.refreshing = undefined;
  }

  /**
   * Runs an authorised request under `signal`: refreshes first when the token is about to
   * expire. The request gets a bearer source: the API client's hook asks it for the token
   * on every send and, on a 401, to renew once (then sends once more); a 401 after that
   * ends the session.
   */
  async run<T>(signal: AbortSignal, request: (bearer: BearerSource) => Promise<T>): Promise<T> {
    const credentials = this.held;
    if (!credentials) throw new ApiFailure('auth', 'You are signed out.');
    const { clock, expire } = this.options;
    const now = clock.now();
    const expiresAt = credentials.expiresAt ?? Number.POSITIVE_INFINITY;
    if (credentials.refreshToken && expiresAt - now < REFRESH_MARGIN_MS && now - this.lastRefreshAt >= MIN_REFRESH_INTERVAL_MS) {
      await this.refresh(signal).catch((error: unknown) => {
        // A network failure while the old token still works is not worth failing the poll for.
        if (!isApiFailure(error) || error.kind !== 'network' || expiresAt <= clock.now()) throw error;
      });
    } else if (!credentials.refreshToken && expiresAt <= now) {
      throw await expire(signal, PASTED_EXPIRED, 'pasted token expired');
    }
    let renewed = false;
    const bearer: BearerSource = {
      token: () => this.tokenFor(signal),
      renew: async () => {
        if (signal.aborted || !this.held) throw signedOut();
        if (!this.held.refreshToken) {
          throw await expire(signal, 'Flashback no longer accepts your pasted access token. Paste a new one or sign in with your password.', 'pasted token rejected');
        }
        renewed = true;
        await this.refresh(signal);
      },
    };
    try {
      return await request(bearer);
    } catch (error) {
      if (renewed && !signal.aborted && isApiFailure(error) && error.details.status === 401) {
        throw await expire(signal, 'Flashback keeps rejecting your sign-in, even a renewed one. Sign in again to resume updates.', 'rejected after a refresh');
      }
      throw error;
    }
  }

  /** One refresh at a time; a refused refresh ends the session. */
  refresh(signal: AbortSignal): Promise<void> {
    if (!this.refreshing) {
      const refreshing = this.doRefresh(signal).finally(() => {
        if (this.refreshing === refreshing) this.refreshing = undefined;
      });
      this.refreshing = refreshing;
    }
    return this.refreshing;
  }

  /** Sets the proactive refresh for the held token; `signal` is the generation it belongs to. */
  schedule(signal: AbortSignal): void {
    const credentials = this.held;
    if (!credentials?.refreshToken || credentials.expiresAt === undefined) return this.timer.cancel();
    this.timer.schedule(credentials.expiresAt, () =>
      this.refresh(signal).catch((error: unknown) =>
        this.options.log.info('scheduled token refresh failed; the next request retries', { kind: isApiFailure(error) ? error.kind : 'unknown' }),
      ),
    );
  }

  private async doRefresh(signal: AbortSignal): Promise<void> {
    const credentials = this.held;
    if (!credentials?.refreshToken) throw new ApiFailure('auth', 'There is no session to renew.');
    const { api, clock, vault, account, expire, renewed } = this.options;
    this.lastRefreshAt = clock.now();
    let tokens: Tokens;
    try {
      tokens = await api().refresh(credentials.refreshToken, credentials.accessToken, signal);
    } catch (error) {
      if (signal.aborted) throw signedOut();
      if (isApiFailure(error) && (error.kind === 'auth' || error.details.status === 400)) {
        const why = `refresh refused (${error.details.status ? `HTTP ${error.details.status}` : 'success: false'}${error.details.code ? `, ${error.details.code}` : ''})`;
        throw await expire(signal, 'Your Flashback session has ended. Sign in again to resume updates.', why);
      }
      throw error;
    }
    if (signal.aborted || this.held !== credentials) throw signedOut();
    this.held = { ...credentials, ...tokens };
    this.schedule(signal);
    if (await vault.save(account(), this.held, signal)) renewed();
  }

  private tokenFor(signal: AbortSignal): string {
    if (signal.aborted || !this.held) throw signedOut();
    return this.held.accessToken;
  }
}
