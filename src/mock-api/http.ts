import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Stops `server` now: no new connections, and the open ones dropped at once. `close()` alone
 * waits for every open connection to end, so a client with a request in flight (the preview's
 * page mid-command, a poll of the mock) would hold the process's exit until it went away.
 */
export function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The request body was not JSON: the mock answers 400, as a real API would. */
export class MalformedBody extends Error {
  override readonly name = 'MalformedBody';
}

/** A JSON object body (an empty body is `{}`); anything else throws `MalformedBody`. */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new MalformedBody('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedBody('not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MalformedBody('not a JSON object');
  return value as Record<string, unknown>;
}
