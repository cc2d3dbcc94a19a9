import type { SupportedMfaMethod } from '../../../shared/contract';
import type { FlashbackApi, MfaStatus, Tokens } from '../api/api-client';
import { isApiFailure } from '../api/api-errors';
import type { Logger } from '../platform/logger';
import { SignInError, signInErrorFrom } from './sign-in-errors';

export const cancelledSignIn = () => new SignInError('CANCELLED', 'This sign-in was cancelled.');

/** `POST /mfa/verify-login` with the limited token; a refusal is a sentence for the code step. */
export async function verifySecondStep(api: FlashbackApi, limitedToken: string, method: SupportedMfaMethod, code: string, signal: AbortSignal): Promise<Tokens> {
  try {
    return await api.verifyMfaLogin(limitedToken, method, code, signal);
  } catch (error) {
    if (signal.aborted) throw cancelledSignIn();
    const fallback =
      method === 'GOOGLE_AUTH' ? 'That code is not right or has expired. Enter the newest code from your authenticator app.' : 'That sign-in link is not right or has expired. Send a new one and paste its code.';
    throw signInErrorFrom(error, fallback);
  }
}

/** `POST /mfa/magic-link/send`: the platform mails a sign-in link for the pending sign-in. */
export async function mailSignInLink(api: FlashbackApi, limitedToken: string, signal: AbortSignal): Promise<void> {
  try {
    await api.sendMagicLink(limitedToken, signal);
  } catch (error) {
    if (signal.aborted) throw cancelledSignIn();
    throw signInErrorFrom(error, 'Flashback could not send the sign-in link. Try again, or use another method.');
  }
}

/** `POST /user/request-reset-password`: how an account made with Google/GitHub/Microsoft gets a password. */
export async function requestPasswordReset(api: FlashbackApi, email: string): Promise<void> {
  try {
    await api.requestPasswordReset(email);
  } catch (error) {
    throw signInErrorFrom(error, 'Flashback could not send the password reset email. Try again in a minute.');
  }
}

/**
 * Whether a fresh login token still needs its second step: `GET /mfa/status`; where that
 * cannot answer, the first authenticated call tells (it works: a full token; 401/403: a
 * second step is due, by the methods every account can use). When neither can tell, the
 * sign-in fails rather than keep a token that may be a limited one.
 */
export async function secondStepStatus(api: FlashbackApi, token: string, signal: AbortSignal, log: Logger): Promise<MfaStatus> {
  let status: MfaStatus | undefined;
  try {
    status = await api.mfaStatus(token, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    log.info('two-step status unavailable; asking the bucket list instead', { kind: isApiFailure(error) ? error.kind : 'unknown' });
  }
  if (status) {
    if (status.required && status.methods.length === 0) {
      throw new SignInError('MFA_UNSUPPORTED', "This account's second sign-in step uses a method this app does not know yet. Sign in with a pasted access token from the web app instead.");
    }
    return status;
  }
  try {
    await api.getAvailableBuckets(token, { signal });
    return { required: false, methods: [] };
  } catch (error) {
    if (signal.aborted) throw error;
    const refused = isApiFailure(error) && (error.details.status === 401 || error.details.status === 403);
    if (refused) return { required: true, methods: ['GOOGLE_AUTH', 'MAGIC_LINK'] };
    throw signInErrorFrom(error, 'Flashback could not say whether this sign-in needs a second step. Try again in a minute.');
  }
}
