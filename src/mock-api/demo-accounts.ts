import type { MfaMethod } from '../shared/contract';

export interface MockUser {
  email: string;
  /** `null`: the account was made with Google/GitHub/Microsoft and has no password. */
  password: string | null;
  name: string;
  active?: boolean;
  /** What sign-in answers as the user's email, when the server words it otherwise (e.g. `QA Team <qa@example.com>`). */
  profileEmail?: string;
  /** Second-step methods; empty or absent: no MFA. An unknown name stands for a method a newer platform may add. */
  mfaMethods?: Array<MfaMethod | 'SMS'>;
  /**
   * How `GET /mfa/status` words the rest, within what the fields mean: `isRequired` and
   * `isEnforced` (the organisation forces MFA) free; `primaryMethod` one of the methods or
   * none; `sessionVerified` always true for a full token and false for a limited one, or
   * left out (`omitVerified`) where the documentation allows (it is optional).
   * Default: the docs' example, MFA turned on by the user (not required, not enforced).
   */
  mfaStatus?: { isRequired?: boolean; isEnforced?: boolean; primaryMethod?: MfaMethod | null; omitVerified?: boolean };
}

/** The authenticator (GOOGLE_AUTH) code the mock accepts for every MFA account. */
export const MOCK_TOTP_CODE = '123456';

export const DEMO_USER: MockUser = { email: 'demo@flashback.test', password: 'demo-password', name: 'Demo User' };
export const MFA_USER: MockUser = {
  email: 'mfa@flashback.test',
  password: 'mfa-password',
  name: 'MFA User',
  mfaMethods: ['GOOGLE_AUTH', 'MAGIC_LINK', 'PASSKEY'],
};
/** A second account for trying several accounts: its own buckets, one of them shared with the demo user's. */
export const OPS_USER: MockUser = { email: 'ops@flashback.test', password: 'ops-password', name: 'Ops Team' };
const INACTIVE_USER: MockUser = { email: 'inactive@flashback.test', password: 'inactive-password', name: 'Inactive', active: false };
const OAUTH_USER: MockUser = { email: 'oauth@flashback.test', password: null, name: 'OAuth Only' };

export const DEFAULT_USERS: readonly MockUser[] = [DEMO_USER, MFA_USER, OPS_USER, INACTIVE_USER, OAUTH_USER];

/** The accounts as a person reads them: in `--help`, at start and on the preview's page. */
export const DEMO_ACCOUNTS_TEXT = `Demo accounts:
  ${DEMO_USER.email} / ${DEMO_USER.password}            signs in at once
  ${OPS_USER.email} / ${OPS_USER.password}              a second account (Settings → Add account)
  ${MFA_USER.email} / ${MFA_USER.password}              two-step: authenticator code ${MOCK_TOTP_CODE},
                                                   or a magic link (its token: GET /__mock/magic-link)
  ${INACTIVE_USER.email} / ${INACTIVE_USER.password}    an inactive account (USER_INACTIVE)
  ${OAUTH_USER.email}                             made with Google sign-in (NO_PASSWORD_SET)`;
