import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeServer } from '../../src/mock-api/http';
import { quietServer } from '../../src/preview/server';

/** Node sets it on the server from the option; its types do not declare it. */
const checkEvery = (server: Server) => (server as Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval;

describe('the preview’s HTTP server while nothing is shown', () => {
  it('does not wake the process every 30 s to check half-sent requests (Node’s default), only every 10 minutes', () => {
    expect(checkEvery(createServer())).toBe(30_000);
    expect(checkEvery(quietServer(() => undefined))).toBeGreaterThanOrEqual(10 * 60_000);
  });
});

describe('the preview stopping', () => {
  it('drops a connection with a request still in flight instead of waiting for it (Ctrl+C and tests end it at once)', async () => {
    let received!: () => void;
    const inFlight = new Promise<void>((resolve) => (received = resolve));
    // A handler that never answers: the page's request stays open.
    const server = quietServer(() => received());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const client = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/' });
    client.on('error', () => undefined);
    client.end();
    await inFlight;
    const stopped = await Promise.race([closeServer(server).then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000))]);
    expect(stopped).toBe('stopped');
  });
});
