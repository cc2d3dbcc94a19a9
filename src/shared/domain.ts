/**
 * The words the contract is made of: a bucket, a sign-in state, a sync error. They sit
 * below `contract.ts` (which re-exports them) so that `accounts.ts` and `format.ts` can
 * use them without importing the contract that imports them.
 */

/** A bucket as `GET /bucket/available` describes it. Every field but `id` may be absent. */
export interface Bucket {
  id: string;
  name?: string;
  /** `S3`, `GCS`, `BLOB`, `AZURE`, … an open set. */
  storageType?: string;
  /** The bucket's name at the cloud provider. */
  bucket?: string;
  /** The provider access key id: not a secret, but shown masked. */
  key?: string;
  /** `ONLINE`, `OFFLINE`, `DISCONNECTED`, `ACTIVE`, … an open set. */
  status?: string;
  workspaceId?: string;
  createdAt?: string;
}

export type KeychainStorage = 'keychain' | 'session-only';

/** Second-step sign-in methods, as the Flashback API names them. */
export type MfaMethod = 'GOOGLE_AUTH' | 'MAGIC_LINK' | 'PASSKEY';
/** The methods this app can finish a sign-in with (passkeys need a browser's WebAuthn). */
export type SupportedMfaMethod = Exclude<MfaMethod, 'PASSKEY'>;

export type AuthState =
  | { kind: 'signed-out'; message?: string }
  | { kind: 'signing-in' }
  | {
      kind: 'mfa-required';
      email: string;
      /** The account's enabled methods, primary first (PASSKEY included: the view says it is not supported). */
      methods: MfaMethod[];
      /** Set once a magic link was mailed for this sign-in. */
      magicLinkSent?: boolean;
    }
  | { kind: 'signed-in'; email?: string; method: 'password' | 'token'; storage: KeychainStorage; storageProblem?: string }
  | { kind: 'expired'; message: string; email?: string };

export type SyncErrorKind = 'auth' | 'not-found' | 'rate-limited' | 'server' | 'network' | 'invalid-response';

export interface SyncError {
  kind: SyncErrorKind;
  /** A sentence for a person: what went wrong. Never contains a secret. */
  message: string;
  /** When the app tries again by itself (ISO date); absent when it will not. */
  retryAt?: string;
  /**
   * Whose problem a 5xx or a timeout is, as `GET /health` told afterwards: Flashback's
   * (its health says error, or it fails too), this computer's (not even the health check
   * gets through), or this request's alone (Flashback says it is fine: it refused this
   * request). Absent until the check answers, or when it cannot tell.
   */
  whose?: 'flashback' | 'offline' | 'refused';
}

export type SyncPhase = 'idle' | 'refreshing' | 'paused' | 'offline' | 'error';

/** One bridge node behind a bucket, from `GET /bucket/{id}/status` (strings as the server sent them, cleaned and clipped). */
export interface BucketNode {
  ip: string;
  region: string;
  version: string;
  /** ONLINE, OFFLINE, DISCONNECTED seen; an open set. */
  status: string;
  latencyMs?: number;
  /** When the platform last heard from the node (ISO date), when it said. */
  lastUpdated?: string;
}
