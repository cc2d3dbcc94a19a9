import type { FlashbackApi, MfaStatus } from './api-client';
import { isApiFailure } from './api-errors';
import type { Logger } from './logger';

/**
 * Whether a fresh login token still needs its second step: `GET /mfa/status`; where that
 * cannot answer, the first authenticated call tells (401/403 with the limited token: a
 * second step is due, by the methods every account can use).
 */
export async function secondStepStatus(api: FlashbackApi, token: string, signal: AbortSignal, log: Logger): Promise<MfaStatus> {
  try {
    return await api.mfaStatus(token, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    log.info('two-step status unavailable; asking the bucket list instead', { kind: isApiFailure(error) ? error.kind : 'unknown' });
  }
  try {
    await api.getAvailableBuckets(token, { signal });
    return { required: false, methods: [] };
  } catch (error) {
    if (signal.aborted) throw error;
    const refused = isApiFailure(error) && (error.details.status === 401 || error.details.status === 403);
    return refused ? { required: true, methods: ['GOOGLE_AUTH', 'MAGIC_LINK'] } : { required: false, methods: [] };
  }
}
