import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashbackApi } from '../../src/main/core/api/api-client';
import { mfaStatusFrom } from '../../src/main/core/api/mfa-status';
import { systemClock } from '../../src/main/core/platform/clock';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { Session } from '../../src/main/core/session/session';
import type { MfaMethod } from '../../src/shared/contract';
import { MockFlashbackApi, type MockUser } from '../../src/mock-api/server';

/**
 * Whether a second step is due, against what each `/mfa/status` field means
 * (FLASHBACK_API.md): `sessionVerified` is true only for a full-access token;
 * `enabledMethods` is what the user turned on; `isRequired`/`isEnforced` only say whether
 * the organisation forces MFA; `isEnabled` restates the list; `primaryMethod` orders it.
 */
const KNOWN: MfaMethod[] = ['GOOGLE_AUTH', 'MAGIC_LINK', 'PASSKEY'];
const methodName = fc.constantFrom<string>(...KNOWN, 'SMS', 'WEBAUTHN_V2');

describe('the second-step decision', () => {
  it('is due exactly when some method is enabled and the session is not verified, whatever the other fields say', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(methodName, { maxLength: 4 }),
        fc.option(fc.constantFrom<unknown>(true, false, 'true', 1, null), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.option(methodName, { nil: undefined }),
        (enabledMethods, sessionVerified, isEnabled, isRequired, isEnforced, primaryMethod) => {
          const data: Record<string, unknown> = { isEnabled, isRequired, isEnforced, enabledMethods, primaryMethod };
          if (sessionVerified !== undefined) data.sessionVerified = sessionVerified;
          const status = mfaStatusFrom(data);
          expect(status.required).toBe(enabledMethods.length > 0 && sessionVerified !== true);
          // The organisation's flags never change the decision.
          expect(mfaStatusFrom({ ...data, isRequired: !isRequired, isEnforced: !isEnforced, isEnabled: !isEnabled }).required).toBe(status.required);
          // Only known methods are offered, each once, the primary first.
          expect(new Set(status.methods)).toEqual(new Set(enabledMethods.filter((method): method is MfaMethod => (KNOWN as string[]).includes(method))));
          if (primaryMethod && status.methods.includes(primaryMethod as MfaMethod)) expect(status.methods[0]).toBe(primaryMethod);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the docs' own example (turned on by the user, not required, not enforced) is due", () => {
    const docs = { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH'], sessionVerified: false };
    expect(mfaStatusFrom(docs)).toEqual({ required: true, methods: ['GOOGLE_AUTH'] });
  });
});

describe('signing in against every legal /mfa/status answer of the mock', () => {
  /** A user per legal combination, generated: the mock words `/mfa/status` as the user says. */
  const legalUser = fc.record({
    mfaMethods: fc.subarray<MfaMethod | 'SMS'>([...KNOWN, 'SMS']),
    isRequired: fc.boolean(),
    isEnforced: fc.boolean(),
    omitVerified: fc.boolean(),
    primaryIndex: fc.option(fc.nat(3), { nil: undefined }),
  });
  let api: MockFlashbackApi;
  const users: MockUser[] = [];
  const combos = fc.sample(legalUser, { numRuns: 60, seed: 22 });
  combos.forEach((combo, index) => {
    const known = combo.mfaMethods.filter((method): method is MfaMethod => method !== 'SMS');
    const primaryMethod = combo.primaryIndex === undefined ? null : (known[combo.primaryIndex % Math.max(known.length, 1)] ?? null);
    users.push({
      email: `user${index}@flashback.test`,
      password: 'pw',
      name: `User ${index}`,
      mfaMethods: combo.mfaMethods,
      mfaStatus: { isRequired: combo.isRequired, isEnforced: combo.isEnforced, primaryMethod, omitVerified: combo.omitVerified },
    });
  });

  beforeAll(async () => {
    api = new MockFlashbackApi({ users });
    await api.start();
  });
  afterAll(() => api.stop());

  it('asks for the second step exactly when the login token is limited, and never keeps a limited token', async () => {
    for (const user of users) {
      const keychain = new MemoryKeychain();
      const session = new Session({ api: () => new FlashbackApi({ baseUrl: api.url }), keychain, account: 'acct', clock: systemClock, log: new MemoryLogger() });
      const outcome = await session.signIn(user.email, 'pw').then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
      const limited = (user.mfaMethods ?? []).length > 0;
      const known = (user.mfaMethods ?? []).filter((method) => method !== 'SMS');
      const stored = await keychain.get('acct');
      const what = `${user.email} ${JSON.stringify(user.mfaMethods)} ${JSON.stringify(user.mfaStatus)}`;
      if (stored) expect(api.auth.isLimited(JSON.parse(stored).accessToken), what).toBe(false);
      if (!limited) {
        expect(outcome, what).toBe('ok');
        expect(session.state.kind, what).toBe('signed-in');
        expect(stored, what).not.toBeNull();
      } else if (known.length === 0) {
        expect(outcome, what).toBe('MFA_UNSUPPORTED');
        expect(session.state.kind, what).toBe('signed-out');
        expect(stored, what).toBeNull();
      } else {
        expect(session.state, what).toMatchObject({ kind: 'mfa-required', email: user.email });
        expect(stored, what).toBeNull();
      }
      session.dispose();
    }
  });

  it('covers self-enabled, org-required and org-enforced accounts among the generated ones', () => {
    const limited = users.filter((user) => (user.mfaMethods ?? []).length > 0);
    expect(limited.some((user) => !user.mfaStatus?.isRequired && !user.mfaStatus?.isEnforced)).toBe(true);
    expect(limited.some((user) => user.mfaStatus?.isRequired)).toBe(true);
    expect(limited.some((user) => user.mfaStatus?.isEnforced)).toBe(true);
    expect(limited.some((user) => user.mfaStatus?.omitVerified)).toBe(true);
  });
});

describe('when the second step cannot be learned', () => {
  it('fails the sign-in instead of keeping a token that may be limited (status 500, bucket list unreachable)', async () => {
    const keychain = new MemoryKeychain();
    const fetch = async (input: Request | string | URL) => {
      const path = new URL(input instanceof Request ? input.url : input).pathname;
      if (path === '/user/login') return Response.json({ success: true, accessToken: 'limited-or-not', refreshToken: 'rt', expiresAt: Date.now() / 1000 + 3600 });
      if (path === '/mfa/status') return Response.json({ success: false, error_code: 'INTERNAL_ERROR' }, { status: 500 });
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNRESET' }) });
    };
    const session = new Session({ api: () => new FlashbackApi({ baseUrl: 'https://backend.flashback.tech', fetch }), keychain, account: 'acct', clock: systemClock, log: new MemoryLogger() });
    await expect(session.signIn('a@b.c', 'pw')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(session.state.kind).toBe('signed-out');
    expect(await keychain.get('acct')).toBeNull();
    session.dispose();
  });
});
