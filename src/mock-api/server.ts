import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Bucket, Workspace } from '../shared/contract';
import { demoBuckets, opsBuckets, seededRandom } from './buckets';
import { DEFAULT_USERS, OPS_USER, type MockUser } from './demo-accounts';
import { sendFault, type Fault } from './faults';
import { closeServer, json, MalformedBody, readBody } from './http';
import { MockAuth, type AuthStats } from './mock-auth';
import { handleControl } from './mock-control';
import { workspacesFor } from './workspaces';
import { nodeStatusOf } from './bucket-nodes';

export { DEMO_USER, MFA_USER, MOCK_TOTP_CODE, OPS_USER, type MockUser } from './demo-accounts';
export type { Fault } from './faults';

export interface MockApiOptions {
  port?: number;
  host?: string;
  /** Access token lifetime; the real API's is one hour. */
  tokenTtlSeconds?: number;
  buckets?: Bucket[];
  users?: MockUser[];
  /** Buckets per user (by email); a user not named sees `buckets`. Default: the ops demo user has its own. */
  bucketsByUser?: Record<string, Bucket[]>;
  /** Put into every token issued, so a test can search for it (leak checks). */
  tokenMarker?: string;
  now?: () => number;
}

interface MockStats extends AuthStats {
  requests: Record<string, number>;
  bucketRequests: number;
  inFlight: number;
  maxInFlight: number;
  lastAuthorization?: string;
}

/**
 * A real Flashback API on loopback for tests, the demo and the preview, answering the shapes
 * of the official client (see shared FLASHBACK_API.md): login with a limited token for MFA
 * accounts, `/mfa/*`, refresh and logout with the bearer, `GET /workspace`,
 * `GET /bucket/available`, `GET /health`, documented error bodies. Faults, counters and
 * scripting in process and over HTTP under `/__mock/`.
 */
export class MockFlashbackApi {
  buckets: Bucket[];
  readonly users: readonly MockUser[];
  /** Each user's own list, by email (see MockApiOptions.bucketsByUser). */
  readonly bucketsByUser: Map<string, Bucket[]>;
  /** `GET /bucket/available` answers 404 "User not found" while set. */
  userMissing = false;
  /** `null`: derived from the buckets' workspace ids. */
  workspaces: Workspace[] | null = null;
  workspacesFailing = false;
  /** What `GET /health` answers: `ok`, `error` (503 `{status: "error"}`), or `down` (the connection is cut). */
  health: 'ok' | 'error' | 'down' = 'ok';
  readonly auth: MockAuth;
  private faults: Array<{ fault: Fault; remaining: number }> = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private scenarioTimer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private counters = MockFlashbackApi.emptyCounters();

  constructor(private readonly options: MockApiOptions = {}) {
    this.buckets = options.buckets ?? demoBuckets();
    this.users = options.users ?? DEFAULT_USERS;
    this.bucketsByUser = new Map(Object.entries(options.bucketsByUser ?? (options.buckets ? {} : { [OPS_USER.email]: opsBuckets(this.buckets) })));
    this.now = options.now ?? Date.now;
    this.auth = new MockAuth(this.users, this.now, options.tokenMarker ?? 'mock', options.tokenTtlSeconds ?? 3600);
  }

  private static emptyCounters() {
    return { requests: {} as Record<string, number>, bucketRequests: 0, inFlight: 0, maxInFlight: 0, lastAuthorization: undefined as string | undefined };
  }

  get stats(): MockStats {
    return { ...this.counters, ...this.auth.stats };
  }

  get tokenTtlSeconds(): number {
    return this.auth.tokenTtlSeconds;
  }
  set tokenTtlSeconds(seconds: number) {
    this.auth.tokenTtlSeconds = seconds;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('mock API not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  async stop(): Promise<void> {
    this.stopScenario();
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await closeServer(this.server);
    this.server = undefined;
  }

  // ── scripting ──────────────────────────────────────────────────────────────
  setBuckets(buckets: Bucket[]): void {
    this.buckets = buckets.map((bucket) => ({ ...bucket }));
  }
  setStatus(id: string, status: string): void {
    this.buckets = this.buckets.map((bucket) => (bucket.id === id ? { ...bucket, status } : bucket));
  }
  addBucket(bucket: Bucket): void {
    this.buckets = [...this.buckets, { ...bucket }];
  }
  removeBucket(id: string): void {
    this.buckets = this.buckets.filter((bucket) => bucket.id !== id);
  }
  /** The fault applies to the next `times` bucket requests (default 1; Infinity: until cleared). */
  injectFault(fault: Fault, times = 1): void {
    this.faults.push({ fault, remaining: times });
  }
  clearFaults(): void {
    this.faults = [];
  }
  resetStats(): void {
    this.counters = MockFlashbackApi.emptyCounters();
    Object.assign(this.auth.stats, { refreshAuthorizations: [], refreshBodies: [], mfaVerifyBodies: [], resetRequests: [] });
  }
  /** Every access token issued so far stops working (as after an hour). */
  expireAccessTokens(): void {
    this.auth.expireAccessTokens();
  }
  revokeRefreshTokens(): void {
    this.auth.revokeRefreshTokens();
  }
  /** Issues a full-access token directly (for "paste a token" tests). */
  issueAccessToken(email = 'demo@flashback.test', ttlSeconds = this.auth.tokenTtlSeconds): string {
    return this.auth.issueAccessToken(email, ttlSeconds);
  }

  /** The demo: every `everyMs` one bucket changes status; now and then one is taken or comes back. */
  startScenario(everyMs = 5000, seed = 1): void {
    this.stopScenario();
    const random = seededRandom(seed);
    const parked: Bucket[] = [];
    this.scenarioTimer = setInterval(() => {
      const roll = random();
      if (roll < 0.12 && this.buckets.length > 6) {
        const taken = this.buckets[Math.floor(random() * this.buckets.length)]!;
        parked.push(taken);
        this.removeBucket(taken.id);
      } else if (roll < 0.24 && parked.length > 0) {
        this.addBucket(parked.shift()!);
      } else {
        const target = this.buckets[Math.floor(random() * this.buckets.length)];
        if (!target) return;
        const next = target.status === 'ONLINE' ? (random() < 0.6 ? 'OFFLINE' : 'DISCONNECTED') : 'ONLINE';
        this.setStatus(target.id, next);
      }
    }, everyMs);
    this.scenarioTimer.unref?.();
  }
  stopScenario(): void {
    if (this.scenarioTimer) clearInterval(this.scenarioTimer);
    this.scenarioTimer = undefined;
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    this.counters.requests[route] = (this.counters.requests[route] ?? 0) + 1;
    try {
      if (url.pathname.startsWith('/__mock/')) return await handleControl(this, req, res, url);
      const nodes = /^\/bucket\/([^/]+)\/status$/.exec(url.pathname);
      if (req.method === 'GET' && nodes) return this.bucketNodes(req, res, decodeURIComponent(nodes[1]!));
      switch (route) {
        case 'GET /health':
          // `down`: as if nothing answered at that address (the connection is cut).
          if (this.health === 'down') return void req.socket.destroy();
          return json(res, this.health === 'ok' ? 200 : 503, { status: this.health, timestamp: new Date(this.now()).toISOString() });
        case 'POST /user/login':
          return this.auth.login(await readBody(req), res);
        case 'POST /user/refresh':
          return this.auth.refresh(req, await readBody(req), res);
        case 'POST /user/logout':
          return this.auth.logout(req, await readBody(req), res);
        case 'POST /user/request-reset-password':
          return this.auth.requestPasswordReset(await readBody(req), res);
        case 'GET /mfa/status':
          return this.auth.mfaStatus(req, res);
        case 'POST /mfa/verify-login':
          return this.auth.verifyLogin(req, await readBody(req), res);
        case 'POST /mfa/magic-link/send':
          return this.auth.sendMagicLink(req, res);
        case 'GET /workspace':
          return this.workspace(req, res);
        case 'GET /bucket/available':
          return await this.available(req, res, url);
        default:
          return json(res, 404, { success: false, message: 'Not found' });
      }
    } catch (error) {
      if (res.headersSent) return;
      if (error instanceof MalformedBody) return json(res, 400, { success: false, message: 'Malformed JSON body' });
      json(res, 500, { success: false, error_code: 'INTERNAL_ERROR', message: 'Internal server error' });
    }
  }

  /** 401 without a valid token, 403 with a limited (MFA pending) one. */
  /** The signed-in user's email, or undefined after answering 401/403. */
  private authorise(req: IncomingMessage, res: ServerResponse): string | undefined {
    this.counters.lastAuthorization = req.headers.authorization ?? '';
    const who = this.auth.check(req);
    if (!who) json(res, 401, { success: false, message: 'Unauthorized' });
    else if (who.limited) json(res, 403, { success: false, message: 'MFA verification required' });
    return who && !who.limited ? who.email : undefined;
  }

  private bucketNodes(req: IncomingMessage, res: ServerResponse, id: string): void {
    const email = this.authorise(req, res);
    if (email === undefined) return;
    const bucket = this.bucketsOf(email).find((candidate) => candidate.id === id);
    if (!bucket) return json(res, 404, { success: false, message: 'Bucket not found' });
    json(res, 200, nodeStatusOf(bucket, this.now()));
  }

  private bucketsOf(email: string): Bucket[] {
    return this.bucketsByUser.get(email) ?? this.buckets;
  }

  private workspace(req: IncomingMessage, res: ServerResponse): void {
    const email = this.authorise(req, res);
    if (email === undefined) return;
    if (this.workspacesFailing) return json(res, 500, { success: false, error_code: 'INTERNAL_ERROR', message: 'Internal server error' });
    const workspaces = this.workspaces ?? workspacesFor(this.bucketsOf(email));
    json(res, 200, { success: true, workspaces: workspaces.map((workspace) => ({ ...workspace, orgId: 'org-1', users: [] })) });
  }

  private takeFault(): Fault | undefined {
    const entry = this.faults[0];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.faults.shift();
    return entry.fault;
  }

  private async available(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.counters.bucketRequests++;
    this.counters.inFlight++;
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.counters.inFlight);
    let done = false;
    res.on('close', () => {
      if (!done) this.counters.inFlight--;
      done = true;
    });
    const fault = this.takeFault();
    if (fault && (await sendFault(fault, req, res, 'before-auth', this.buckets))) return;
    const email = this.authorise(req, res);
    if (email === undefined) return;
    if (this.userMissing) return json(res, 404, { success: false, message: 'User not found' });
    if (fault && (await sendFault(fault, req, res, 'after-auth', this.buckets))) return;
    const workspaceId = url.searchParams.get('workspaceId');
    const buckets = this.bucketsOf(email);
    return json(res, 200, workspaceId ? buckets.filter((bucket) => bucket.workspaceId === workspaceId) : buckets);
  }
}
