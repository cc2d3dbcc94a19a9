import type { MfaMethod } from '../../../shared/contract';

export interface MfaStatus {
  /** A second step is due for this token: it is a limited one and must never be stored. */
  required: boolean;
  /** The enabled methods this app knows, primary first (may be empty when only unknown ones are enabled). */
  methods: MfaMethod[];
}

const MFA_METHODS: readonly MfaMethod[] = ['GOOGLE_AUTH', 'MAGIC_LINK', 'PASSKEY'];

/**
 * The `data` of `GET /mfa/status` read by what its fields mean (FLASHBACK_API.md):
 * `sessionVerified` is true only for a full-access token, and `enabledMethods` lists the
 * second steps this user has turned on. `isRequired`/`isEnforced` say whether the
 * organisation *forces* MFA, and `isEnabled` only restates the list: none of them says
 * whether this token is limited. So: due = some method is enabled and the session is not
 * verified. An enabled method this app does not know still makes the step due.
 */
export function mfaStatusFrom(data: Record<string, unknown>): MfaStatus {
  const listed = Array.isArray(data.enabledMethods) ? data.enabledMethods.filter((method): method is string => typeof method === 'string' && method !== '') : [];
  const methods = MFA_METHODS.filter((method) => listed.includes(method));
  const primary = methods.find((method) => method === data.primaryMethod);
  const ordered = primary ? [primary, ...methods.filter((method) => method !== primary)] : methods;
  return { required: listed.length > 0 && data.sessionVerified !== true, methods: ordered };
}
