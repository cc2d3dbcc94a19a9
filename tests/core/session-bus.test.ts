import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trayHostStatus } from '../../src/main/core/desktop/tray-host';
import { systemClock, type Clock, type TimerHandle } from '../../src/main/core/platform/clock';
import { boundedProgram, CliSessionBus } from '../../src/main/core/platform/session-bus';
import { tempDir } from '../setup/temp-dirs';

/**
 * A `gdbus` that never answers, at its worst: it ignores SIGTERM, and its child (as a
 * bus launched on the side would) holds the output pipe open. Both pids are written down,
 * so the test ends exactly these processes.
 */
const NEVER_ANSWERS = `#!/bin/sh
trap '' TERM
echo $$ >> "$FLASHBACK_FAKE_PIDS"
sleep 60 &
echo $! >> "$FLASHBACK_FAKE_PIDS"
wait
`;

/** Time that moves when the test says. */
function pinnedClock(): Clock & { fire(): void; pending(): number } {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    now: () => 0,
    setTimeout: (callback) => {
      timers.set(next, callback);
      return next++ as unknown as TimerHandle;
    },
    clearTimeout: (handle) => void timers.delete(handle as unknown as number),
    fire: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const callback of due) callback();
    },
    pending: () => timers.size,
  };
}

describe('every question to the session bus is bounded (the app waits for it at start)', () => {
  let dir = '';
  let pidsFile = '';
  const saved = { PATH: process.env.PATH, pids: process.env.FLASHBACK_FAKE_PIDS };

  beforeEach(async () => {
    dir = await tempDir('flashback-fake-gdbus-');
    pidsFile = join(dir, 'pids');
    await writeFile(join(dir, 'gdbus'), NEVER_ANSWERS);
    await chmod(join(dir, 'gdbus'), 0o755);
    process.env.PATH = `${dir}:${saved.PATH}`;
    process.env.FLASHBACK_FAKE_PIDS = pidsFile;
  });

  afterEach(async () => {
    process.env.PATH = saved.PATH;
    if (saved.pids === undefined) delete process.env.FLASHBACK_FAKE_PIDS;
    else process.env.FLASHBACK_FAKE_PIDS = saved.pids;
    const pids = (await readFile(pidsFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  /** Resolves once the fake has started and written down its child. */
  async function fakeStarted(): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      if ((await readFile(pidsFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).length === 2) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the fake gdbus did not start');
  }

  it('at the deadline (a pinned clock): the call rejects at once, the program is killed, nothing else is waited for', async () => {
    const clock = pinnedClock();
    const answer = boundedProgram(clock, 1500)('gdbus', ['call']).then(
      () => 'answered',
      (error: unknown) => error,
    );
    await fakeStarted();
    expect(clock.pending()).toBe(1);
    clock.fire();
    const error = await answer;
    expect((error as Error).name).toBe('NoAnswerInTime');
    expect(String(error)).toContain('gdbus did not answer within 1500 ms');
    const [shell] = (await readFile(pidsFile, 'utf8')).split('\n').map(Number);
    // The fake itself is gone (its child, still holding the pipe, is ended by afterEach).
    await expect.poll(() => spawnSync('kill', ['-0', String(shell)]).status, { timeout: 2000 }).not.toBe(0);
  });

  it('an answer before the deadline clears the timer', async () => {
    const clock = pinnedClock();
    expect(await boundedProgram(clock, 1500)('node', ['-e', 'process.stdout.write("(true,)")'])).toBe('(true,)');
    expect(clock.pending()).toBe(0);
  });

  it('as the app asks it (real time): a gdbus that never answers means "unknown" within the limit, not a start that waits for ever', async () => {
    const started = performance.now();
    expect(await trayHostStatus(new CliSessionBus(boundedProgram(systemClock, 1500)))).toBe('unknown');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(1450);
    expect(took).toBeLessThan(1500 + 3000); // the fake would hold it for 60 s
  }, 10_000);
});
