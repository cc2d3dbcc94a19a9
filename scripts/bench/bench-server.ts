// A loopback HTTP server for the poll-path benchmark, in its own process (as the real
// server is): it answers like Flashback with bucket bodies prepared in advance, so its own
// work is not counted as the app's. `POST /__variant?i=N` picks the body the next poll gets.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeBuckets, seededRandom } from '../../src/mock-api/buckets';
import type { Bucket } from '../../src/shared/contract';

const count = Number(process.argv[2]);
const variants = Number(process.argv[3]);
/** Buckets whose status flips from one variant to the next (all of them: every bucket changes). */
const changes = Number(process.argv[4] ?? 20);
/** `reorder`: every variant after the first is the same buckets, unchanged, in another order. */
const mode = process.argv[5] ?? 'flip';

/** Flips the status of `changes` buckets, so each variant has changes to detect. */
function mutate(buckets: Bucket[], changes: number, round: number): Bucket[] {
  const next = buckets.map((bucket) => ({ ...bucket }));
  for (let i = 0; i < changes; i++) {
    const bucket = changes >= next.length ? next[i]! : next[(round * 7919 + i * 104_729) % next.length]!;
    if (changes >= next.length && round % 2 === 0) continue; // even variants: the base list; odd: every status flipped
    bucket.status = bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE';
  }
  return next;
}

/** The same buckets in a shuffled order (Fisher–Yates on a seeded generator), none changed. */
function shuffled(buckets: Bucket[], round: number): Bucket[] {
  const next = buckets.slice();
  const random = seededRandom(round + 1);
  for (let i = next.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [next[i], next[j]] = [next[j]!, next[i]!];
  }
  return next;
}

const base = makeBuckets(count, { seed: 1 });
const variant = (i: number) => (mode === 'reorder' ? (i === 0 ? base : shuffled(base, i)) : mutate(base, changes, i));
const bodies = Array.from({ length: variants }, (_, i) => Buffer.from(JSON.stringify(variant(i))));
let body = bodies[0]!;
const json = (payload: unknown) => Buffer.from(JSON.stringify(payload));
const login = json({ success: true, accessToken: 'eyJhbGciOiJub25lIn0.e30.bench', refreshToken: 'rt', expiresAt: Math.floor(Date.now() / 1000) + 10 ** 6, user: { email: 'bench@example.com' } });
const mfa = json({ success: true, data: { isRequired: false, isEnforced: false, enabledMethods: [], sessionVerified: true } });
const workspaces = json({ success: true, workspaces: [] });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (payload: Buffer) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length });
    res.end(payload);
  };
  if (url.pathname === '/__variant') {
    body = bodies[Number(url.searchParams.get('i')) % bodies.length]!;
    return send(json({ ok: true }));
  }
  if (url.pathname === '/user/login') return send(login);
  if (url.pathname === '/mfa/status') return send(mfa);
  if (url.pathname === '/workspace') return send(workspaces);
  if (url.pathname === '/bucket/available') return send(body);
  res.writeHead(404).end('{}');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, bytes: bodies[0]!.length })}\n`));
