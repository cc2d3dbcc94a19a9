/** What the keychain holds for one account: a small JSON document, only ever in the keychain. */
export interface StoredCredentials {
  v: 1;
  method: 'password' | 'token';
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent for a pasted token whose expiry is unknown. */
  expiresAt?: number;
  email?: string;
}

/** Reads the keychain's text; anything unexpected is `undefined` (the caller removes it). */
export function parseStoredCredentials(text: string | null): StoredCredentials | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.accessToken !== 'string' || !record.accessToken) return undefined;
  if (record.method !== 'password' && record.method !== 'token') return undefined;
  return {
    v: 1,
    method: record.method,
    accessToken: record.accessToken,
    refreshToken: typeof record.refreshToken === 'string' ? record.refreshToken : undefined,
    expiresAt: typeof record.expiresAt === 'number' && Number.isFinite(record.expiresAt) ? record.expiresAt : undefined,
    email: typeof record.email === 'string' ? record.email : undefined,
  };
}
