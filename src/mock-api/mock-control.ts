import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bucket, Workspace } from '../shared/contract';
import { isFault, type Fault } from './faults';
import { json, readBody } from './http';
import type { MockAuth } from './mock-auth';

/** What the scripting routes may change on the mock server (the server implements it; this module stays below it). */
interface MockControls {
  readonly stats: unknown;
  readonly buckets: Bucket[];
  readonly auth: MockAuth;
  workspaces: Workspace[] | null;
  workspacesFailing: boolean;
  health: 'ok' | 'error' | 'down';
  setBuckets(buckets: Bucket[]): void;
  setStatus(id: string, status: string): void;
  addBucket(bucket: Bucket): void;
  removeBucket(id: string): void;
  injectFault(fault: Fault, times: number): void;
  clearFaults(): void;
  resetStats(): void;
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  startScenario(everyMs: number): void;
  stopScenario(): void;
}

const bad = (res: ServerResponse, message: string) => json(res, 400, { success: false, message });

function isBucket(value: unknown): value is Bucket {
  return !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string';
}

function isWorkspace(value: unknown): value is Workspace {
  return !!value && typeof value === 'object' && typeof (value as Workspace).id === 'string' && typeof (value as Workspace).name === 'string';
}

/** The scripting routes under `/__mock/`: every body is checked, a bad one answers 400. */
export async function handleControl(api: MockControls, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = req.method === 'POST' ? await readBody(req) : {};
  switch (`${req.method} ${url.pathname}`) {
    case 'GET /__mock/stats':
      return json(res, 200, api.stats);
    case 'GET /__mock/buckets':
      return json(res, 200, api.buckets);
    case 'GET /__mock/magic-link':
      return json(res, 200, { token: api.auth.lastMagicLinkToken ?? null });
    case 'GET /__mock/reset-requests':
      return json(res, 200, { emails: api.auth.stats.resetRequests });
    case 'POST /__mock/buckets':
      if (!Array.isArray(body.buckets) || !body.buckets.every(isBucket)) return bad(res, 'Send {"buckets": [{"id": "…"}, …]}.');
      api.setBuckets(body.buckets);
      break;
    case 'POST /__mock/status':
      if (typeof body.id !== 'string' || typeof body.status !== 'string') return bad(res, 'Send {"id": "…", "status": "OFFLINE"}.');
      api.setStatus(body.id, body.status);
      break;
    case 'POST /__mock/add':
      if (!isBucket(body.bucket)) return bad(res, 'Send {"bucket": {"id": "…"}}.');
      api.addBucket(body.bucket);
      break;
    case 'POST /__mock/remove':
      if (typeof body.id !== 'string') return bad(res, 'Send {"id": "…"}.');
      api.removeBucket(body.id);
      break;
    case 'POST /__mock/fault': {
      if (!isFault(body.fault)) return bad(res, 'Send {"fault": {"type": "…"}, "times": N | "always"}.');
      const times = typeof body.times === 'number' && body.times > 0 ? body.times : body.times === 'always' ? Infinity : 1;
      api.injectFault(body.fault, times);
      break;
    }
    case 'POST /__mock/health':
      if (body.status !== 'ok' && body.status !== 'error' && body.status !== 'down') return bad(res, 'Send {"status": "ok" | "error" | "down"}.');
      api.health = body.status;
      break;
    case 'POST /__mock/clear-faults':
      api.clearFaults();
      break;
    case 'POST /__mock/reset-stats':
      api.resetStats();
      break;
    case 'POST /__mock/expire-tokens':
      api.expireAccessTokens();
      break;
    case 'POST /__mock/revoke-refresh':
      api.revokeRefreshTokens();
      break;
    case 'POST /__mock/refresh-fails':
      api.auth.refreshFails = body.failing !== false;
      break;
    case 'POST /__mock/workspaces':
      if (body.failing !== undefined) api.workspacesFailing = body.failing === true;
      else if (Array.isArray(body.workspaces) && body.workspaces.every(isWorkspace)) api.workspaces = body.workspaces;
      else return bad(res, 'Send {"workspaces": [{"id": "…", "name": "…"}]} or {"failing": true}.');
      break;
    case 'POST /__mock/scenario':
      if (body.running === false) api.stopScenario();
      else api.startScenario(typeof body.everyMs === 'number' && body.everyMs >= 100 ? body.everyMs : 5000);
      break;
    default:
      return json(res, 404, { success: false, message: 'Unknown mock control' });
  }
  return json(res, 200, { success: true });
}
