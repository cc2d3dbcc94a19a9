import { COMMAND_CHANNELS } from '../../../shared/channels';
import type { CommandName, Commands } from '../../../shared/contract';
import { ACCOUNT_ID, PRIMARY_ACCOUNT } from '../../../shared/accounts';
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
    case 'signOut':
    case 'hidePopover':
    case 'quit':
    case 'detachPopover':
    case 'checkForUpdates':
    case 'installUpdate':
      return arity(0) ? ok([]) : bad('This command takes no arguments.');
    case 'copyText': {
      const [value, what] = args;
      if (!arity(2) || !text(value, { min: 1, max: 1024 })) return bad('Only a bucket id or name can be copied.');
      if (what !== 'bucket-id' && what !== 'bucket-name') return bad('Only a bucket id or name can be copied.');
      return ok([value, what]);
    }
    case 'signIn': {
      const [email, password] = args;
      if (!arity(2) || !isEmail(email)) return bad('Enter a valid email address.');
      if (typeof password !== 'string' || password.length < 1 || password.length > 1024) return bad('Enter your password.');
      return ok([email, password]);
    }
    case 'addAccount': {
      const [apiBaseUrl, email, password] = args;
      if (!arity(3) || !text(apiBaseUrl, { min: 1, max: 2048 }) || !isAllowedApiBaseUrl(apiBaseUrl)) {
        return bad('Enter the server’s https address (http only for this computer).');
      }
      if (!isEmail(email)) return bad('Enter a valid email address.');
      if (typeof password !== 'string' || password.length < 1 || password.length > 1024) return bad('Enter your password.');
      return ok([new URL(apiBaseUrl).href.replace(/\/$/, ''), email, password]);
    }
    case 'useAccount':
    case 'removeAccount': {
      const [id] = args;
      return arity(1) && typeof id === 'string' && (id === PRIMARY_ACCOUNT || ACCOUNT_ID.test(id)) ? ok([id]) : bad('Unknown account.');
    }
    case 'sendMagicLink':
      return arity(0) ? ok([]) : bad('This command takes no arguments.');
    case 'verifyMfa': {
      const [method, raw] = args;
      if (!arity(2) || (method !== 'GOOGLE_AUTH' && method !== 'MAGIC_LINK')) return bad('Choose how to confirm this sign-in.');
      if (method === 'GOOGLE_AUTH') {
        const code = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
        return /^\d{6}$/.test(code) ? ok([method, code]) : bad('Enter the 6-digit code from your authenticator app.');
      }
      const token = magicLinkToken(raw);
      return token ? ok([method, token]) : bad('Paste the sign-in link from the email, or the code in it.');
    }
    case 'requestPasswordReset': {
      const [email] = args;
      return arity(1) && isEmail(email) ? ok([email]) : bad('Enter a valid email address.');
    }
    case 'signInWithToken': {
      const [token] = args;
      const trimmed = typeof token === 'string' ? token.trim().replace(/^Bearer\s+/i, '') : '';
      if (!arity(1) || !/^[A-Za-z0-9._~+/=-]{16,8192}$/.test(trimmed)) {
        return bad('That does not look like an access token. Copy it again from the Flashback web app.');
      }
      return ok([trimmed]);
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
