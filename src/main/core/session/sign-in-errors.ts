import { isApiFailure } from '../api/api-errors';

/** A failed sign-in step, as a sentence for the form; `code` lets the form offer the next step. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The login error codes of the official client, each in words. */
export const LOGIN_MESSAGES: Record<string, string> = {
  USER_NOT_FOUND: 'No Flashback account uses this email address. Check it, or create an account in the Flashback web app.',
  INVALID_PASSWORD: 'That password is not right. Check it and try again.',
  USER_INACTIVE: "This Flashback account is not active. Ask your organisation's administrator to activate it.",
  NO_PASSWORD_SET:
    'This account was made with Google, GitHub or Microsoft sign-in, so it has no password yet. Set one with a password reset email (the app can send it), then sign in here.',
};

export function signInErrorFrom(error: unknown, fallback: string): SignInError {
  if (error instanceof SignInError) return error;
  if (!isApiFailure(error)) return new SignInError('UNEXPECTED', fallback);
  const code = error.details.code;
  if (code && LOGIN_MESSAGES[code]) return new SignInError(code, LOGIN_MESSAGES[code]);
  if (error.kind === 'network') return new SignInError('NETWORK', `${error.message} Check your connection and try again.`);
  if (error.kind === 'rate-limited') return new SignInError('RATE_LIMITED', 'Too many sign-in attempts. Wait a minute and try again.');
  if (error.kind === 'aborted') return new SignInError('CANCELLED', 'This sign-in was cancelled.');
  if (error.kind === 'auth') return new SignInError('REJECTED', error.details.serverMessage ? `${error.details.serverMessage}.`.replace(/\.\.$/, '.') : fallback);
  return new SignInError(error.kind.toUpperCase().replace('-', '_'), error.message);
}
