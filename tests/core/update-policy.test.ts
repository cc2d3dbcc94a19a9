import { describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { DOWNLOAD_STALLS_AFTER_MS, UPDATE_CHECK_EVERY_MS, UpdatePolicy, type DownloadOutcome, type Updater } from '../../src/main/core/desktop/update-policy';
import { tray } from './tray-helpers';
import type { UpdateState } from '../../src/shared/contract';

class HandClock implements Clock {
  time = Date.parse('2026-11-25T10:00:00Z');
  timers: Array<{ at: number; run: () => void }> = [];
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return timer as unknown as TimerHandle;
  };
  clearTimeout = (handle: TimerHandle) => {
    this.timers = this.timers.filter((timer) => timer !== (handle as unknown));
  };
  async advance(ms: number) {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.run();
    }
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
}

function fakeUpdater(answers: Array<string | undefined | Error>, unsupported?: string) {
  const downloads: Array<(outcome: DownloadOutcome) => void> = [];
  const updater: Updater & { checks: number; installs: number; finishDownload(which?: number): void; failDownload(reason: string, which?: number): void } = {
    checks: 0,
    installs: 0,
    unsupportedReason: () => unsupported,
    check: async () => {
      const answer = answers[Math.min(updater.checks++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      if (!answer) return undefined;
      return { version: answer, download: new Promise<DownloadOutcome>((resolve) => downloads.push(resolve)) };
    },
    quitAndInstall: () => void updater.installs++,
    finishDownload: (which = -1) => downloads.at(which)?.({ ok: true }),
    failDownload: (reason, which = -1) => downloads.at(which)?.({ ok: false, reason }),
  };
  return updater;
}

function policy(updater: Updater, auto = { on: true }) {
  const clock = new HandClock();
  const states: UpdateState[] = [];
  const p = new UpdatePolicy({ updater, clock, log: new MemoryLogger(), autoUpdate: () => auto.on, publish: (state) => states.push(state) });
  return { p, clock, states, auto };
}

describe('update policy', () => {
  it('checks at start and every 6 hours, downloads in the background, then offers the restart', async () => {
    const updater = fakeUpdater([undefined, undefined, '1.2.0']);
    const { p, clock, states } = policy(updater);
    p.start();
    await clock.advance(0);
    expect(states.at(-1)).toMatchObject({ kind: 'up-to-date' });
    await clock.advance(UPDATE_CHECK_EVERY_MS - 1);
    expect(updater.checks).toBe(1);
    await clock.advance(1);
    expect(updater.checks).toBe(2);
    await clock.advance(UPDATE_CHECK_EVERY_MS);
    expect(states.at(-1)).toEqual({ kind: 'downloading', version: '1.2.0' });
    updater.finishDownload();
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '1.2.0' });
    await clock.advance(UPDATE_CHECK_EVERY_MS * 3);
    expect(updater.checks).toBe(3); // nothing more to look for until the restart
    p.install();
    expect(updater.installs).toBe(1);
  });

  it('with the setting off: no checks by itself, "Check now" works, turning it on again schedules them', async () => {
    const updater = fakeUpdater([undefined]);
    const { p, clock, auto } = policy(updater, { on: false });
    p.start();
    await clock.advance(UPDATE_CHECK_EVERY_MS * 2);
    expect(updater.checks).toBe(0);
    await p.checkNow();
    expect(updater.checks).toBe(1);
    await clock.advance(UPDATE_CHECK_EVERY_MS * 2);
    expect(updater.checks).toBe(1);
    auto.on = true;
    p.settingChanged();
    await clock.advance(UPDATE_CHECK_EVERY_MS);
    expect(updater.checks).toBe(2);
    auto.on = false;
    p.settingChanged();
    expect(clock.timers).toHaveLength(0);
  });

  it('a failed check is a sentence and a later try, never a throw; one check at a time', async () => {
    const updater = fakeUpdater([new Error('net::ERR_INTERNET_DISCONNECTED'), undefined]);
    const { p, clock, states } = policy(updater);
    await Promise.all([p.checkNow(), p.checkNow(), p.checkNow()]);
    expect(updater.checks).toBe(1);
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: expect.stringMatching(/could not check for updates .* It tries again in 6 hours\.$/) });
    expect(JSON.stringify(states)).not.toContain('ERR_INTERNET');
    await clock.advance(UPDATE_CHECK_EVERY_MS);
    expect(states.at(-1)).toMatchObject({ kind: 'up-to-date' });
  });

  it('a download that never completes is said to be stuck, and the next check tries again (13 hours later: three checks, not one)', async () => {
    const updater = fakeUpdater(['1.2.0']);
    const { p, clock, states } = policy(updater);
    p.start();
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'downloading', version: '1.2.0' });
    await clock.advance(DOWNLOAD_STALLS_AFTER_MS);
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: 'The download of version 1.2.0 is not finishing (the connection may have stalled). It tries again in 6 hours.' });
    for (let hour = 1; hour < 13; hour++) await clock.advance(3600_000);
    expect(updater.checks).toBe(3);
    updater.finishDownload();
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '1.2.0' });
  });

  it('a failed download is a sentence, and the next check downloads again', async () => {
    const updater = fakeUpdater(['1.2.0']);
    const { p, clock, states } = policy(updater);
    p.start();
    await clock.advance(0);
    updater.failDownload('net::ERR_CONNECTION_RESET');
    await clock.advance(0);
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^Version 1\.2\.0 could not be downloaded .* It tries again in 6 hours\.$/) });
    expect(JSON.stringify(states)).not.toContain('ERR_CONNECTION');
    await clock.advance(UPDATE_CHECK_EVERY_MS);
    expect(updater.checks).toBe(2);
    expect(states.at(-1)).toEqual({ kind: 'downloading', version: '1.2.0' });
    updater.finishDownload();
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '1.2.0' });
  });

  it('"Check now" always checks, even while a download runs; the older download’s late outcome changes nothing', async () => {
    const updater = fakeUpdater(['1.2.0', '1.3.0']);
    const { p, clock, states } = policy(updater, { on: false });
    await p.checkNow();
    expect(states.at(-1)).toEqual({ kind: 'downloading', version: '1.2.0' });
    await p.checkNow();
    expect(updater.checks).toBe(2);
    expect(states.at(-1)).toEqual({ kind: 'downloading', version: '1.3.0' });
    updater.finishDownload();
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '1.3.0' });
    updater.failDownload('late', 0);
    await clock.advance(0);
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '1.3.0' });
  });

  it('with the setting off, a failed download says "Check now" tries again, and it does', async () => {
    const updater = fakeUpdater(['1.2.0']);
    const { p, clock, states } = policy(updater, { on: false });
    await p.checkNow();
    updater.failDownload('reset');
    await clock.advance(0);
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: expect.stringMatching(/ "Check now" tries again\.$/) });
    await p.checkNow();
    expect(updater.checks).toBe(2);
  });

  it('an installation that cannot update says why and never checks', async () => {
    const updater = fakeUpdater(['9.9.9'], 'This Linux package is updated by your package manager.');
    const { p, clock, states } = policy(updater);
    p.start();
    await p.checkNow();
    await clock.advance(UPDATE_CHECK_EVERY_MS * 2);
    expect(updater.checks).toBe(0);
    expect(states).toEqual([{ kind: 'unsupported', reason: 'This Linux package is updated by your package manager.' }]);
    p.install();
    expect(updater.installs).toBe(0);
  });

  it('the tray menu offers "Restart to update to vX.Y.Z" first when an update is ready', () => {
    expect(tray({ kind: 'ready', version: '1.2.0' })[0]).toEqual({ kind: 'item', label: 'Restart to update to v1.2.0', action: { type: 'install-update' } });
    expect(tray({ kind: 'downloading', version: '1.2.0' })[0]).toMatchObject({ label: 'Open Flashback Tray' });
  });

  it('publishes nothing after dispose', async () => {
    const updater = fakeUpdater([undefined]);
    const { p, clock, states } = policy(updater);
    p.start();
    p.dispose();
    await clock.advance(UPDATE_CHECK_EVERY_MS * 2);
    expect(states.filter((state) => state.kind !== 'checking')).toEqual([]);
  });
});
