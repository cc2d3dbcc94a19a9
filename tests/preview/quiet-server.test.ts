import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { quietServer } from '../../src/preview/server';

/** Node sets it on the server from the option; its types do not declare it. */
const checkEvery = (server: Server) => (server as Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval;

describe('the preview’s HTTP server while nothing is shown', () => {
  it('does not wake the process every 30 s to check half-sent requests (Node’s default), only every 10 minutes', () => {
    expect(checkEvery(createServer())).toBe(30_000);
    expect(checkEvery(quietServer(() => undefined))).toBeGreaterThanOrEqual(10 * 60_000);
  });
});
