import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bucket } from '../shared/contract';
import { makeBuckets } from './buckets';
import { json } from './http';

/** Faults the next request(s) to `GET /bucket/available` meet. */
export type Fault =
  | { type: 'latency'; ms: number }
  | { type: 'timeout' }
  /** Headers (200, JSON) and then nothing, ever. */
  | { type: 'hang-body' }
  /** A valid list, one byte every `everyMs` (default 500). */
  | { type: 'trickle'; everyMs?: number }
  | { type: 'reset' }
  | { type: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { type: 'html' }
  | { type: 'truncated' }
  | { type: 'object' }
  | { type: 'huge'; bytes?: number };

const FAULT_TYPES = new Set(['latency', 'timeout', 'hang-body', 'trickle', 'reset', 'status', 'html', 'truncated', 'object', 'huge']);

export function isFault(value: unknown): value is Fault {
  if (!value || typeof value !== 'object' || !FAULT_TYPES.has(String((value as { type?: unknown }).type))) return false;
  const fault = value as Record<string, unknown>;
  if (fault.type === 'latency') return typeof fault.ms === 'number';
  if (fault.type === 'status') return typeof fault.status === 'number' && fault.status >= 100 && fault.status <= 599;
  return true;
}

/**
 * Sends the fault's answer; returns false when this stage has nothing to do (transport
 * faults act before authorisation, answers after it). `latency` delays, then lets the
 * request go on.
 */
export async function sendFault(fault: Fault, req: IncomingMessage, res: ServerResponse, stage: 'before-auth' | 'after-auth', buckets: Bucket[]): Promise<boolean> {
  if (stage === 'before-auth') {
    switch (fault.type) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return false;
      case 'timeout':
        return true;
      case 'hang-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        return true;
      case 'trickle':
        trickle(res, JSON.stringify(buckets), fault.everyMs ?? 500);
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      default:
        return false;
    }
  }
  switch (fault.type) {
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...headers });
      res.end(fault.body ?? JSON.stringify(statusBody(fault.status)));
      return true;
    }
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
      return true;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(buckets).slice(0, 40));
      return true;
    case 'object':
      json(res, 200, { success: true, buckets });
      return true;
    case 'huge':
      json(res, 200, hugeList(fault.bytes ?? 5 * 1024 * 1024));
      return true;
    default:
      return false;
  }
}

function trickle(res: ServerResponse, text: string, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.flushHeaders();
  let index = 0;
  const timer = setInterval(() => {
    if (res.destroyed || index >= text.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(text[index++]!);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

const hugeLists = new Map<number, Bucket[]>();

/** A valid bucket list of about `bytes` bytes of JSON (made once per size). */
function hugeList(bytes: number): Bucket[] {
  let list = hugeLists.get(bytes);
  if (!list) {
    const perBucket = JSON.stringify(makeBuckets(1)[0]).length + 1;
    list = makeBuckets(Math.ceil(bytes / perBucket), { seed: 3 });
    hugeLists.set(bytes, list);
  }
  return list;
}

function statusBody(status: number): unknown {
  if (status === 401) return { success: false, message: 'Unauthorized' };
  if (status === 403) return { success: false, message: 'Insufficient permissions' };
  if (status === 404) return { success: false, message: 'User not found' };
  if (status === 429) return { success: false, message: 'Too many requests' };
  return { success: false, error_code: 'INTERNAL_ERROR', message: 'Internal server error' };
}
