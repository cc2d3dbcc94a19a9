import { describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import type { ViewEvent } from '../../src/main/core/app/controller-options';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';

async function controller() {
  const c = new AppController({ settingsStore: new MemorySettingsStore(), keychain: new MemoryKeychain(), log: new MemoryLogger() });
  await c.start();
  return c;
}

describe('tray menu actions (shared by the desktop and the preview)', () => {
  it('pauses notifications for an hour and resumes them', async () => {
    const c = await controller();
    expect(await c.runMenuAction({ type: 'pause-notifications', until: 'hour' })).toBe(true);
    const until = Date.parse(c.state.settings.notificationsPausedUntil!);
    expect(until - Date.now()).toBeGreaterThan(3590_000);
    expect(await c.runMenuAction({ type: 'resume-notifications' })).toBe(true);
    expect(c.state.settings.notificationsPausedUntil).toBeNull();
    c.dispose();
  });

  it('toggles launch at login', async () => {
    const c = await controller();
    await c.runMenuAction({ type: 'toggle-launch-at-login' });
    expect(c.state.settings.launchAtLogin).toBe(true);
    c.dispose();
  });

  it('asks the view for settings or sign-in', async () => {
    const c = await controller();
    const events: ViewEvent[] = [];
    c.onViewEvent((event) => events.push(event));
    await c.runMenuAction({ type: 'settings' });
    expect(events).toEqual([{ name: 'showView', payload: 'settings' }]);
    c.dispose();
  });

  it('leaves the shell its own actions, and refuses malformed ones', async () => {
    const c = await controller();
    for (const action of [{ type: 'open' }, { type: 'quit' }, { type: 'copy-id', bucketId: 'x' }, { type: 'pause-notifications', until: 'forever' }, null, 'refresh', { type: '__proto__' }]) {
      expect(await c.runMenuAction(action)).toBe(false);
    }
    expect(c.state.settings.notificationsPausedUntil).toBeNull();
    c.dispose();
  });
});
