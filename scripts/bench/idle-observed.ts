// Wake-ups of the real preview process (the built `dist/preview/cli.mjs`, the app's core in
// Node) while no popover is open, observed from outside: the main thread's voluntary context
// switches (each time it goes back to sleep after waking) read from /proc. Nothing is
// simulated: whatever timer, socket or runtime task wakes the process counts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USER } from '../../src/mock-api/server';
import { MAX_POLL_INTERVAL_SECONDS } from '../../src/shared/contract';
import { fromRuns, type Result } from './report';

const WINDOW_S = 60;
const SETTLE_S = 60;

/** Starts a process and resolves with the first match of `pattern` in its output. */
function startPrinting(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = pattern.exec(text)?.[1];
      if (found) resolve({ child, match: found });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

async function mainThreadSwitches(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/task/${pid}/status`, 'utf8');
  return Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1]);
}

export async function benchIdleObserved(): Promise<Result[]> {
  const row = { id: 'idle-wakeups-observed-per-min', metric: 'wake-ups of the real preview process per minute, popover hidden, no poll due', unit: 'per min', target: { max: 2 } } as const;
  if (process.platform !== 'linux') return [fromRuns({ ...row, how: 'skipped: reads /proc (Linux)' }, [])];
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-idle-'));
  const children: ChildProcess[] = [];
  try {
    const api = await startPrinting(['--import', 'tsx', 'src/mock-api/cli.ts', '--port', '0', '--scenario', 'static'], /Mock Flashback API: (\S+)/);
    children.push(api.child);
    const preview = await startPrinting(['dist/preview/cli.mjs', '--api', api.match, '--port', '0', '--data-dir', dataDir], /Preview: (\S+)/);
    children.push(preview.child);
    const url = new URL(preview.match);
    const secret = /name="preview-secret" content="([^"]+)"/.exec(await (await fetch(url)).text())?.[1] ?? '';
    const command = async (name: string, args: unknown[]) =>
      (await fetch(new URL(`/command/${name}`, url), { method: 'POST', headers: { origin: url.origin, 'x-preview-secret': secret, 'content-type': 'application/json' }, body: JSON.stringify({ args }) })).json() as Promise<{ ok: boolean; value?: unknown }>;
    // Polls an hour apart, so the window holds none: what is left is the app's other timers and the runtime.
    await command('updateSettings', [{ pollIntervalSeconds: MAX_POLL_INTERVAL_SECONDS }]);
    // An account is added with its server, email and password (the account model of issue 20).
    const signedIn = await command('addAccount', [api.match, DEMO_USER.email, DEMO_USER.password ?? '']);
    if (!signedIn.ok) throw new Error(`the preview did not sign in: ${JSON.stringify(signedIn)}`);
    for (let i = 0; i < 50; i++) {
      const state = (await command('getState', [])).value as { state?: { buckets?: unknown[] } } | undefined;
      if (state?.state?.buckets?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Past every socket's keep-alive (5 s), the history write after the first list and V8's
    // memory reducer, which runs a few collections over 30–50 s after a burst of
    // allocation (the first list): about 10 wake-ups of the runtime's, none of the app's.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_S * 1000));
    const pid = preview.child.pid!;
    const before = await mainThreadSwitches(pid);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000));
    const after = await mainThreadSwitches(pid);
    return [
      fromRuns(
        { ...row, how: `node dist/preview/cli.mjs against the mock API (another process, static scenario), signed in, no page connected (the popover hidden), poll interval 1 h; the preview's main thread's voluntary context switches from /proc over ${WINDOW_S} s, starting ${SETTLE_S} s after the first list (V8's memory reducer, a few collections in the 30–50 s after it, has settled); the preview's HTTP server checks half-sent requests every 10 min (Node's default: every 30 s)` },
        [((after - before) * 60) / WINDOW_S],
      ),
    ];
  } finally {
    for (const child of children) child.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}
