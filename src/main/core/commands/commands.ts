import { COMMAND_CHANNELS } from '../../../shared/channels';
import type { CommandName, Commands } from '../../../shared/contract';
import { ACCOUNT_ID } from '../../../shared/accounts';
import { isAllowedApiBaseUrl, validateSettingsPatch } from '../settings/settings';

/** Everything printable, no control characters: what may be copied or typed into a field. */
const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

type Validated<K extends CommandName> = { ok: true; args: Commands[K]['args'] } | { ok: false; message: string };

function text(value: unknown, { min = 0, max }: { min?: number; max: number }): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && PRINTABLE.test(value);
}

const bad = (message: string) => ({ ok: false as const, message });

function isEmail(value: unknown): value is string {
  return text(value, { min: 3, max: 320 }) && /^[^\s@]+@[^\s@]+$/.test(value);
}

const UNKNOWN_ACCOUNT = 'Unknown account.';
const BAD_SERVER = 'Enter the server’s https address (http only for this computer).';
const BAD_TOKEN = 'That does not look like an access token. Copy it again from the Flashback web app.';

function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

function isPassword(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 1024;
}

/** A server address as the app keeps it (no trailing slash), or undefined when it is not allowed. */
function serverOf(value: unknown): string | undefined {
  return text(value, { min: 1, max: 2048 }) && isAllowedApiBaseUrl(value) ? new URL(value).href.replace(/\/$/, '') : undefined;
}

/** A pasted access token (a `Bearer ` in front is dropped), or undefined when it cannot be one. */
function accessToken(raw: unknown): string | undefined {
  const trimmed = typeof raw === 'string' ? raw.trim().replace(/^Bearer\s+/i, '') : '';
  return /^[A-Za-z0-9._~+/=-]{16,8192}$/.test(trimmed) ? trimmed : undefined;
}

/**
 * A magic link's token: the whole link pasted from the email (its `token` query parameter)
 * or the token alone. Only URL-safe characters pass.
 */
function magicLinkToken(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 4096) return undefined;
  let candidate = raw.trim();
  if (/^https?:\/\//i.test(candidate)) {
    try {
      candidate = new URL(candidate).searchParams.get('token') ?? '';
    } catch {
      return undefined;
    }
  }
  return /^[A-Za-z0-9._~+/=-]{8,2048}$/.test(candidate) ? candidate : undefined;
}

/**
 * Checks a command's arguments as if they came from an attacker (they cross a process
 * or an HTTP boundary): exact arity, types, lengths, allowed values.
 */
export function validateCommandArgs<K extends CommandName>(name: K, args: unknown): Validated<K> {
  if (!Array.isArray(args)) return bad('Arguments must be a list.');
  const ok = (value: unknown[]) => ({ ok: true as const, args: value as Commands[K]['args'] });
  const arity = (n: number) => args.length === n;
  switch (name as CommandName) {
    case 'getState':
    case 'refresh':
    case 'hidePopover':
    case 'quit':
    case 'detachPopover':
    case 'checkForUpdates':
    case 'installUpdate':
    case 'getRecentChanges':
      return arity(0) ? ok([]) : bad('This command takes no arguments.');
    case 'copyText': {
      const [value, what] = args;
      if (!arity(2) || !text(value, { min: 1, max: 1024 })) return bad('Only a bucket id or name can be copied.');
      if (what !== 'bucket-id' && what !== 'bucket-name') return bad('Only a bucket id or name can be copied.');
      return ok([value, what]);
    }
    case 'signIn': {
      const [target, email, password] = args;
      if (!arity(3) || !isAccountId(target)) return bad(UNKNOWN_ACCOUNT);
      if (!isEmail(email)) return bad('Enter a valid email address.');
      if (!isPassword(password)) return bad('Enter your password.');
      return ok([target, email, password]);
    }
    case 'addAccount': {
      const [apiBaseUrl, email, password] = args;
      const server = serverOf(apiBaseUrl);
      if (!arity(3) || !server) return bad(BAD_SERVER);
      if (!isEmail(email)) return bad('Enter a valid email address.');
      if (!isPassword(password)) return bad('Enter your password.');
      return ok([server, email, password]);
    }
    case 'addAccountWithToken': {
      const [apiBaseUrl, raw] = args;
      const server = serverOf(apiBaseUrl);
      if (!arity(2) || !server) return bad(BAD_SERVER);
      const token = accessToken(raw);
      return token ? ok([server, token]) : bad(BAD_TOKEN);
    }
    case 'signOut':
    case 'useAccount':
    case 'removeAccount':
    case 'sendMagicLink':
    case 'cancelSignIn': {
      const [id] = args;
      return arity(1) && isAccountId(id) ? ok([id]) : bad(UNKNOWN_ACCOUNT);
    }
    case 'verifyMfa': {
      const [target, method, raw] = args;
      if (!arity(3) || !isAccountId(target)) return bad(UNKNOWN_ACCOUNT);
      if (method !== 'GOOGLE_AUTH' && method !== 'MAGIC_LINK') return bad('Choose how to confirm this sign-in.');
      if (method === 'GOOGLE_AUTH') {
        const code = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
        return /^\d{6}$/.test(code) ? ok([target, method, code]) : bad('Enter the 6-digit code from your authenticator app.');
      }
      const token = magicLinkToken(raw);
      return token ? ok([target, method, token]) : bad('Paste the sign-in link from the email, or the code in it.');
    }
    case 'requestPasswordReset': {
      const [apiBaseUrl, email] = args;
      const server = serverOf(apiBaseUrl);
      if (!arity(2) || !server) return bad(BAD_SERVER);
      return isEmail(email) ? ok([server, email]) : bad('Enter a valid email address.');
    }
    case 'signInWithToken': {
      const [target, raw] = args;
      if (!arity(2) || !isAccountId(target)) return bad(UNKNOWN_ACCOUNT);
      const token = accessToken(raw);
      return token ? ok([target, token]) : bad(BAD_TOKEN);
    }
    case 'updateSettings': {
      if (!arity(1)) return bad('Settings must be one object.');
      const result = validateSettingsPatch(args[0]);
      return result.ok ? ok([result.patch]) : bad(result.message);
    }
    case 'dismissNotice': {
      const [id] = args;
      return arity(1) && text(id, { min: 1, max: 100 }) ? ok([id]) : bad('Unknown notice.');
    }
    case 'getHistory':
    case 'getBucketNodes':
    case 'openInWebApp': {
      const [id] = args;
      return arity(1) && text(id, { min: 1, max: 1024 }) ? ok([id]) : bad('Unknown bucket.');
    }
  }
  return bad('Unknown command.');
}

export const COMMAND_NAMES = Object.keys(COMMAND_CHANNELS) as CommandName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}
