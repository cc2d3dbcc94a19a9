import { ApiFailure } from './api-errors';
import type { MfaStatus } from './mfa-status';

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * What `POST /user/login` returns: for an account with a second step, a **limited** token.
 * Its `bearer` may be sent to `/mfa/*` and nowhere kept; the storable `Tokens` come out
 * only through `fullAccess`, with a `GET /mfa/status` answer saying no second step is due.
 * So a limited token cannot reach the keychain by any path the types allow.
 */
export class LoginGrant {
  readonly #tokens: Tokens;

  constructor(tokens: Tokens) {
    this.#tokens = tokens;
  }

  /** The token for the second step's requests (`/mfa/status`, `/mfa/verify-login`, `/mfa/magic-link/send`). */
  get bearer(): string {
    return this.#tokens.accessToken;
  }

  /** The tokens to keep, when `status` (for this grant's token) says no second step is due. */
  fullAccess(status: MfaStatus): Tokens {
    if (status.required) throw new ApiFailure('auth', 'This sign-in still needs its second step.', { code: 'MFA_REQUIRED' });
    return { ...this.#tokens };
  }
}
