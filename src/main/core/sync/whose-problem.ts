import type { SyncError } from '../../../shared/contract';
import type { FlashbackApi } from '../api/api-client';
import { isApiFailure, type ApiFailure } from '../api/api-errors';

/** Failures worth asking `GET /health` about: the server failed (5xx) or did not answer in time. */
export function worthDiagnosing(failure: ApiFailure): boolean {
  return failure.kind === 'server' || failure.details.code === 'TIMEOUT';
}

/**
 * Asks `GET /health` whose problem a failed poll was: "error", or a failing health check
 * too, is Flashback's; a health check that cannot get through either is this computer's;
 * "ok" means Flashback is well and refused this one request. `undefined`: it cannot tell
 * (no health endpoint, an answer it does not understand) or the work was cancelled.
 */
export async function whoseProblem(api: FlashbackApi, signal: AbortSignal): Promise<SyncError['whose']> {
  try {
    return (await api.health(signal)) === 'ok' ? 'refused' : 'flashback';
  } catch (error) {
    if (signal.aborted || !isApiFailure(error)) return undefined;
    if (error.kind === 'server') return 'flashback';
    if (error.kind === 'network') return 'offline';
    return undefined;
  }
}
