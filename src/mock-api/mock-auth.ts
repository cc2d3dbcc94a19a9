import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MOCK_TOTP_CODE, type MockUser } from './demo-accounts';
import { json } from './http';

interface IssuedToken {
  email: string;
  expiresAt: number;
  /** A token from `/user/login` of an MFA account: only `/mfa/*` accept it until the second step. */
  limited: boolean;
}

export interface AuthStats {
  /** The Authorization header of every refresh and logout (the official client sends the bearer). */
  refreshAuthorizations: string[];
  refreshBodies: string[];
  mfaVerifyBodies: Array<Record<string, unknown>>;
  resetRequests: string[];
}

function bearerOf(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * The platform's authentication as the official client sees it: `/user/login` (a limited
 * token for MFA accounts), `/mfa/status`, `/mfa/verify-login`, `/mfa/magic-link/send`,
 * `/user/refresh` and `/user/logout` with the bearer, `/user/request-reset-password`.
 * Answers only the documented shapes.
 */
export class MockAuth {
  tokenTtlSeconds: number;
  /** While set, refresh answers 200 `{success: false}` (the end of a session). */
  refreshFails = false;
  lastMagicLinkToken: string | undefined;
  readonly stats: AuthStats = { refreshAuthorizations: [], refreshBodies: [], mfaVerifyBodies: [], resetRequests: [] };
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly magicLinks = new Map<string, string>();

  constructor(
    private readonly users: readonly MockUser[],
    private readonly now: () => number,
    private readonly marker: string,
    tokenTtlSeconds: number,
  ) {
    this.tokenTtlSeconds = tokenTtlSeconds;
  }

  /** The email behind a valid full-access bearer; `limited` when only the second step is allowed. */
  check(req: IncomingMessage): { email: string; limited: boolean } | undefined {
    const token = bearerOf(req);
    const issued = token ? this.accessTokens.get(token) : undefined;
    return issued && issued.expiresAt > this.now() ? { email: issued.email, limited: issued.limited } : undefined;
  }

  /** Whether `token` is one this mock issued as limited (a second step still due); undefined for unknown tokens. */
  isLimited(token: string): boolean | undefined {
    return this.accessTokens.get(token)?.limited;
  }

  issueAccessToken(email: string, ttlSeconds = this.tokenTtlSeconds, limited = false): string {
    const expiresAt = this.now() + ttlSeconds * 1000;
    const payload = Buffer.from(JSON.stringify({ sub: email, exp: Math.floor(expiresAt / 1000), ...(limited ? { mfa: 'pending' } : {}) })).toString('base64url');
    const token = `eyJhbGciOiJub25lIn0.${payload}.${this.marker}${randomBytes(18).toString('base64url')}`;
    this.accessTokens.set(token, { email, expiresAt, limited });
    return token;
  }

  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private fullTokens(email: string) {
    const accessToken = this.issueAccessToken(email);
    const refreshToken = `rt_${this.marker}${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, email);
    return { accessToken, refreshToken, expiresAt: Math.floor(this.accessTokens.get(accessToken)!.expiresAt / 1000) };
  }

  login(body: Record<string, unknown>, res: ServerResponse): void {
    const user = this.users.find((candidate) => candidate.email === body.email);
    if (!user) return json(res, 401, { success: false, error_code: 'USER_NOT_FOUND' });
    if (user.password === null) return json(res, 401, { success: false, error_code: 'NO_PASSWORD_SET' });
    if (user.password !== body.password) return json(res, 401, { success: false, error_code: 'INVALID_PASSWORD' });
    if (user.active === false) return json(res, 401, { success: false, error_code: 'USER_INACTIVE' });
    const profile = { id: `user-${user.email.split('@')[0]}`, email: user.profileEmail ?? user.email, name: user.name, orgId: 'org-1', orgRole: 'ADMIN' };
    const tokenId = randomBytes(8).toString('hex');
    if (user.mfaMethods?.length) {
      const accessToken = this.issueAccessToken(user.email, this.tokenTtlSeconds, true);
      const expiresAt = Math.floor(this.accessTokens.get(accessToken)!.expiresAt / 1000);
      return json(res, 200, { success: true, accessToken, tokenId, expiresAt, user: profile });
    }
    return json(res, 200, { success: true, ...this.fullTokens(user.email), tokenId, user: profile });
  }

  /** Any legal combination of the status fields (MockUser.mfaStatus); the token is limited exactly when methods are enabled and unverified. */
  mfaStatus(req: IncomingMessage, res: ServerResponse): void {
    const who = this.check(req);
    if (!who) return json(res, 401, { success: false, message: 'Unauthorized' });
    const user = this.users.find((candidate) => candidate.email === who.email);
    const methods = user?.mfaMethods ?? [];
    const flags = user?.mfaStatus ?? {};
    const primary = flags.primaryMethod === undefined ? methods.find((method) => method !== 'SMS') : flags.primaryMethod;
    json(res, 200, {
      success: true,
      data: {
        isEnabled: methods.length > 0,
        isRequired: flags.isRequired ?? false,
        isEnforced: flags.isEnforced ?? false,
        enabledMethods: methods,
        ...(primary ? { primaryMethod: primary } : {}),
        ...(flags.omitVerified && (who.limited || methods.length === 0) ? {} : { sessionVerified: !who.limited }),
      },
    });
  }

  sendMagicLink(req: IncomingMessage, res: ServerResponse): void {
    const who = this.check(req);
    if (!who) return json(res, 401, { success: false, error: 'Unauthorized' });
    const token = `ml_${randomBytes(12).toString('hex')}`;
    this.magicLinks.set(token, who.email);
    this.lastMagicLinkToken = token;
    json(res, 200, { success: true, data: { message: `A sign-in link was sent to ${who.email}.` } });
  }

  verifyLogin(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    this.stats.mfaVerifyBodies.push(body);
    const who = this.check(req);
    if (!who) return json(res, 401, { success: false, error: 'Unauthorized' });
    let ok = false;
    if (body.mfaType === 'GOOGLE_AUTH') ok = body.code === MOCK_TOTP_CODE;
    else if (body.mfaType === 'MAGIC_LINK') ok = typeof body.token === 'string' && this.magicLinks.get(body.token) === who.email;
    else if (body.mfaType === 'PASSKEY') return json(res, 400, { success: false, error: 'Passkey verification failed' });
    else return json(res, 400, { success: false, error: 'Unsupported MFA type' });
    // The platform's own answer to a wrong code: 400 with `error`.
    if (!ok) return json(res, 400, { success: false, error: body.mfaType === 'MAGIC_LINK' ? 'Invalid or expired magic link' : 'Invalid verification code' });
    if (body.mfaType === 'MAGIC_LINK') this.magicLinks.delete(body.token as string);
    const { accessToken, refreshToken } = this.fullTokens(who.email);
    json(res, 200, { success: true, message: 'Login verified', fullAccessToken: accessToken, refreshToken });
  }

  refresh(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    this.stats.refreshAuthorizations.push(req.headers.authorization ?? '');
    this.stats.refreshBodies.push(Object.keys(body).sort().join(','));
    if (this.refreshFails) return json(res, 200, { success: false, error_code: 'INVALID_REFRESH_TOKEN', message: 'Refresh token expired' });
    const token = typeof body.refresh_token === 'string' ? body.refresh_token : body.refreshToken;
    const email = typeof token === 'string' ? this.refreshTokens.get(token) : undefined;
    if (!email) return json(res, 401, { success: false, error_code: 'INVALID_REFRESH_TOKEN', message: 'Invalid refresh token' });
    this.refreshTokens.delete(token as string);
    const tokens = this.fullTokens(email);
    json(res, 200, { success: true, token: tokens.accessToken, ...tokens });
  }

  logout(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    this.stats.refreshAuthorizations.push(req.headers.authorization ?? '');
    const token = body.refresh_token ?? body.refreshToken;
    if (typeof token === 'string') this.refreshTokens.delete(token);
    json(res, 200, { success: true, message: 'Logged out' });
  }

  requestPasswordReset(body: Record<string, unknown>, res: ServerResponse): void {
    if (typeof body.email !== 'string' || !body.email.includes('@')) return json(res, 400, { success: false, message: 'A valid email is required' });
    this.stats.resetRequests.push(body.email);
    json(res, 200, { success: true, message: 'If an account exists for this email, a reset link was sent.' });
  }
}
