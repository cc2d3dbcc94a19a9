import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Bucket } from '../shared/contract';
import { demoBuckets, makeBuckets, seededRandom } from './buckets';

/** Faults the next request(s) to `GET /bucket/available` meet. */
export type Fault =
  | { type: 'latency'; ms: number }
  | { type: 'timeout' }
  | { type: 'reset' }
  | { type: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { type: 'html' }
  | { type: 'truncated' }
  | { type: 'object' }
  | { type: 'huge'; bytes?: number };

export interface MockUser {
  email: string;
  password: string | null;
  name: string;
  active?: boolean;
  mfaCode?: string;
}

export interface MockApiOptions {
  port?: number;
  host?: string;
  /** Access token lifetime; the real API's is one hour. */
  tokenTtlSeconds?: number;
  buckets?: Bucket[];
  users?: MockUser[];
  /** Put into every token issued, so a test can search for it (leak checks). */
  tokenMarker?: string;
  now?: () => number;
}

export interface MockStats {
  requests: Record<string, number>;
  bucketRequests: number;
  inFlight: number;
  maxInFlight: number;
  refreshBodies: string[];
  lastAuthorization?: string;
}

interface IssuedToken {
  email: string;
  expiresAt: number;
}

export const DEMO_USER: MockUser = { email: 'demo@flashback.test', password: 'demo-password', name: 'Demo User' };
export const MFA_USER: MockUser = { email: 'mfa@flashback.test', password: 'mfa-password', name: 'MFA User', mfaCode: '123456' };
const DEFAULT_USERS: MockUser[] = [
  DEMO_USER,
  MFA_USER,
  { email: 'inactive@flashback.test', password: 'inactive-password', name: 'Inactive', active: false },
  { email: 'oauth@flashback.test', password: null, name: 'OAuth Only' },
];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  if (chunks.length === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A real Flashback API on loopback for tests, the demo and the preview: login, refresh,
 * logout, MFA, `GET /bucket/available`, `GET /health`, tokens that expire, documented
 * error bodies, injectable faults and counters (including concurrency). Scriptable in
 * process and over HTTP under `/__mock/`.
 */
export class MockFlashbackApi {
  buckets: Bucket[];
  readonly users: MockUser[];
  tokenTtlSeconds: number;
  /** `GET /bucket/available` answers 404 "User not found" while set. */
  userMissing = false;
  private faults: Array<{ fault: Fault; remaining: number }> = [];
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly mfaTokens = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;
  private scenarioTimer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly marker: string;
  stats: MockStats = MockFlashbackApi.emptyStats();

  constructor(private readonly options: MockApiOptions = {}) {
    this.buckets = options.buckets ?? demoBuckets();
    this.users = options.users ?? DEFAULT_USERS;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
    this.now = options.now ?? Date.now;
    this.marker = options.tokenMarker ?? 'mock';
  }

  private static emptyStats(): MockStats {
    return { requests: {}, bucketRequests: 0, inFlight: 0, maxInFlight: 0, refreshBodies: [] };
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
    for (const res of this.hanging) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
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
    this.stats = MockFlashbackApi.emptyStats();
  }
  /** Every access token issued so far stops working (as after an hour). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }
  /** Issues an access token directly (for "paste a token" tests). */
  issueAccessToken(email = DEMO_USER.email, ttlSeconds = this.tokenTtlSeconds): string {
    const expiresAt = this.now() + ttlSeconds * 1000;
    const payload = Buffer.from(JSON.stringify({ sub: email, exp: Math.floor(expiresAt / 1000) })).toString('base64url');
    const token = `eyJhbGciOiJub25lIn0.${payload}.${this.marker}${randomBytes(18).toString('base64url')}`;
    this.accessTokens.set(token, { email, expiresAt });
    return token;
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
    this.stats.requests[route] = (this.stats.requests[route] ?? 0) + 1;
    try {
      if (url.pathname.startsWith('/__mock/')) return await this.handleControl(req, res, url);
      switch (route) {
        case 'GET /health':
          return json(res, 200, { status: 'ok', timestamp: new Date(this.now()).toISOString() });
        case 'POST /user/login':
          return await this.login(req, res);
        case 'POST /user/refresh':
          return await this.refresh(req, res);
        case 'POST /user/logout':
          return await this.logout(req, res);
        case 'POST /mfa/verify-login':
          return await this.verifyMfa(req, res);
        case 'GET /bucket/available':
          return await this.available(req, res, url);
        default:
          return json(res, 404, { success: false, message: 'Not found' });
      }
    } catch {
      if (!res.headersSent) json(res, 500, { success: false, error_code: 'INTERNAL_ERROR', message: 'Internal server error' });
    }
  }

  private issueTokens(email: string): Record<string, unknown> {
    const accessToken = this.issueAccessToken(email);
    const refreshToken = `rt_${this.marker}${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, email);
    const expiresAt = this.accessTokens.get(accessToken)!.expiresAt;
    return { success: true, accessToken, refreshToken, tokenId: randomBytes(8).toString('hex'), expiresAt: Math.floor(expiresAt / 1000) };
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const user = this.users.find((candidate) => candidate.email === body.email);
    if (!user) return json(res, 401, { success: false, error_code: 'USER_NOT_FOUND' });
    if (user.password === null) return json(res, 401, { success: false, error_code: 'NO_PASSWORD_SET' });
    if (user.password !== body.password) return json(res, 401, { success: false, error_code: 'INVALID_PASSWORD' });
    if (user.active === false) return json(res, 401, { success: false, error_code: 'USER_INACTIVE' });
    if (user.mfaCode) {
      const mfaToken = `mfa_${this.marker}${randomBytes(16).toString('base64url')}`;
      this.mfaTokens.set(mfaToken, user.email);
      return json(res, 200, { success: true, mfaRequired: true, mfaToken });
    }
    return json(res, 200, { ...this.issueTokens(user.email), user: { id: 'user-1', email: user.email, name: user.name, orgId: 'org-1' } });
  }

  private async verifyMfa(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const email = this.mfaTokens.get(bearer ?? String(body.mfaToken ?? ''));
    const user = this.users.find((candidate) => candidate.email === email);
    if (!user || body.code !== user.mfaCode) return json(res, 401, { success: false, message: 'Invalid verification code' });
    this.mfaTokens.delete(bearer ?? String(body.mfaToken));
    const { accessToken, refreshToken } = this.issueTokens(user.email);
    return json(res, 200, { success: true, message: 'Login verified', fullAccessToken: accessToken, refreshToken });
  }

  private async refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    this.stats.refreshBodies.push(Object.keys(body).sort().join(','));
    const token = typeof body.refreshToken === 'string' ? body.refreshToken : body.refresh_token;
    const email = typeof token === 'string' ? this.refreshTokens.get(token) : undefined;
    if (!email) return json(res, 401, { success: false, message: 'Invalid refresh token' });
    this.refreshTokens.delete(token as string);
    return json(res, 200, this.issueTokens(email));
  }

  private async logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const token = body.refresh_token ?? body.refreshToken;
    if (typeof token === 'string') this.refreshTokens.delete(token);
    return json(res, 200, { success: true, message: 'Logged out' });
  }

  private authorised(req: IncomingMessage): IssuedToken | undefined {
    const header = req.headers.authorization ?? '';
    this.stats.lastAuthorization = header;
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const issued = token ? this.accessTokens.get(token) : undefined;
    return issued && issued.expiresAt > this.now() ? issued : undefined;
  }

  private takeFault(): Fault | undefined {
    const entry = this.faults[0];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.faults.shift();
    return entry.fault;
  }

  private async available(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.stats.bucketRequests++;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.stats.inFlight--;
    };
    res.on('close', finish);
    const fault = this.takeFault();
    if (fault?.type === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.type === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (!this.authorised(req)) return json(res, 401, { success: false, message: 'Unauthorized' });
    if (this.userMissing) return json(res, 404, { success: false, message: 'User not found' });
    switch (fault?.type) {
      case 'status': {
        const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
        const body = fault.body ?? JSON.stringify(statusBody(fault.status));
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...headers });
        return void res.end(body);
      }
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(this.buckets).slice(0, 40));
      case 'object':
        return json(res, 200, { success: true, buckets: this.buckets });
      case 'huge':
        return json(res, 200, hugeList(fault.bytes ?? 5 * 1024 * 1024));
    }
    const workspaceId = url.searchParams.get('workspaceId');
    return json(res, 200, workspaceId ? this.buckets.filter((bucket) => bucket.workspaceId === workspaceId) : this.buckets);
  }

  private async handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : {};
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /__mock/stats':
        return json(res, 200, this.stats);
      case 'GET /__mock/buckets':
        return json(res, 200, this.buckets);
      case 'POST /__mock/buckets':
        this.setBuckets(Array.isArray(body.buckets) ? (body.buckets as Bucket[]) : []);
        break;
      case 'POST /__mock/status':
        this.setStatus(String(body.id), String(body.status));
        break;
      case 'POST /__mock/add':
        this.addBucket(body.bucket as Bucket);
        break;
      case 'POST /__mock/remove':
        this.removeBucket(String(body.id));
        break;
      case 'POST /__mock/fault':
        this.injectFault(body.fault as Fault, typeof body.times === 'number' ? body.times : body.times === 'always' ? Infinity : 1);
        break;
      case 'POST /__mock/clear-faults':
        this.clearFaults();
        break;
      case 'POST /__mock/reset-stats':
        this.resetStats();
        break;
      case 'POST /__mock/expire-tokens':
        this.expireAccessTokens();
        break;
      case 'POST /__mock/revoke-refresh':
        this.revokeRefreshTokens();
        break;
      case 'POST /__mock/scenario':
        if (body.running === false) this.stopScenario();
        else this.startScenario(typeof body.everyMs === 'number' ? body.everyMs : 5000);
        break;
      default:
        return json(res, 404, { success: false, message: 'Unknown mock control' });
    }
    return json(res, 200, { success: true });
  }
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
