import { afterEach, describe, expect, it } from 'vitest';
import type { ViewEvent } from '../../src/main/core/app/controller-options';
import { validateSettingsPatch, settingsFromJson } from '../../src/main/core/settings/settings';
import { trayModel } from '../../src/main/core/desktop/tray-model';
import type { MenuItemModel } from '../../src/shared/desktop';
import { bucketWebAppUrl, isWebAppTemplate, templateFromExample } from '../../src/shared/web-app-link';
import { startHarness, type Harness } from '../helpers';

const TEMPLATE = 'https://platform.example/buckets/{id}';

describe('the web app’s bucket address', () => {
  it('is an https address with exactly one {id} after the host, and no credentials', () => {
    for (const ok of [TEMPLATE, 'https://platform.example/w/x/buckets?bucket={id}', 'https://platform.example:8443/#/b/{id}']) expect(isWebAppTemplate(ok), ok).toBe(true);
    for (const bad of [
      '',
      'https://platform.example/buckets/',
      'http://platform.example/buckets/{id}',
      'javascript:alert(1)//{id}',
      'file:///etc/{id}',
      'https://{id}.example/',
      'https://plat{id}form.example/',
      'https://platform.example{id}',
      'https://user:pw@platform.example/{id}',
      'https://platform.example/{id}/{id}',
      'https://platform.example/ {id}',
      `https://platform.example/${'a'.repeat(2100)}/{id}`,
    ]) expect(isWebAppTemplate(bad), bad).toBe(false);
  });

  it('encodes the id into the page’s address, which never leaves the template’s host', () => {
    expect(bucketWebAppUrl(TEMPLATE, 'b-1')).toBe('https://platform.example/buckets/b-1');
    expect(bucketWebAppUrl(TEMPLATE, '../../evil.example/x?y#z')).toBe('https://platform.example/buckets/..%2F..%2Fevil.example%2Fx%3Fy%23z');
    expect(bucketWebAppUrl('https://platform.example/b?id={id}', '@evil.example')).toBe('https://platform.example/b?id=%40evil.example');
    expect(bucketWebAppUrl('', 'b-1')).toBeUndefined();
    expect(bucketWebAppUrl('http://platform.example/{id}', 'b-1')).toBeUndefined();
  });

  it('turns a pasted bucket page (with one of the user’s ids in its path or query) into the template', () => {
    const ids = new Set(['bkt 7', 'b-42']);
    const known = (value: string) => ids.has(value);
    expect(templateFromExample('https://platform.example/w/9/buckets/b-42/overview', known)).toBe('https://platform.example/w/9/buckets/{id}/overview');
    expect(templateFromExample('https://platform.example/buckets/bkt%207', known)).toBe('https://platform.example/buckets/{id}');
    expect(templateFromExample('https://platform.example/bucket?tab=1&id=b-42', known)).toBe('https://platform.example/bucket?tab=1&id={id}');
    expect(templateFromExample(TEMPLATE, known)).toBe(TEMPLATE);
    expect(templateFromExample('https://platform.example/buckets/unknown', known)).toBeUndefined();
    expect(templateFromExample('not a url', known)).toBeUndefined();
  });

  it('is a setting checked in main: kept trimmed, empty allowed, anything else refused; a bad saved value falls back to none', () => {
    expect(validateSettingsPatch({ webAppBucketUrl: ` ${TEMPLATE} ` })).toEqual({ ok: true, patch: { webAppBucketUrl: TEMPLATE } });
    expect(validateSettingsPatch({ webAppBucketUrl: '' })).toEqual({ ok: true, patch: { webAppBucketUrl: '' } });
    expect(validateSettingsPatch({ webAppBucketUrl: 'javascript:alert(1)//{id}' }).ok).toBe(false);
    expect(validateSettingsPatch({ webAppBucketUrl: 42 }).ok).toBe(false);
    const { settings, invalid } = settingsFromJson({ webAppBucketUrl: 'http://evil.example/{id}' });
    expect(settings.webAppBucketUrl).toBe('');
    expect(invalid).toEqual(['webAppBucketUrl']);
  });
});

describe('opening a bucket in the web app', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  async function start() {
    const opened: string[] = [];
    harness = await startHarness({ shell: { hidePopover: () => undefined, quit: () => undefined, openExternal: (url) => void opened.push(url) } });
    return { controller: harness.controller, opened, id: harness.controller.state.buckets[0]!.id };
  }

  it('opens only a listed bucket, only once the address is set, through the shell', async () => {
    const { controller, opened, id } = await start();
    const before = await controller.dispatch('openInWebApp', [id]);
    expect(before).toEqual({ ok: false, error: { code: 'WEB_APP_NOT_SET', message: expect.stringContaining('Settings') } });
    expect((await controller.dispatch('updateSettings', [{ webAppBucketUrl: TEMPLATE }])).ok).toBe(true);
    expect(await controller.dispatch('openInWebApp', [id])).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual([`https://platform.example/buckets/${encodeURIComponent(id)}`]);
    expect((await controller.dispatch('openInWebApp', ['not-a-listed-bucket'])).ok).toBe(false);
    for (const args of [[], [42], [id, 'extra'], ['\u202Eid']]) expect((await controller.dispatch('openInWebApp', args)).ok).toBe(false);
    expect(opened).toHaveLength(1);
  });

  it('from the tray: opens the bucket; without an address it shows Settings instead', async () => {
    const { controller, opened, id } = await start();
    const events: ViewEvent[] = [];
    controller.onViewEvent((event) => events.push(event));
    expect(await controller.runMenuAction({ type: 'open-in-web-app', bucketId: id })).toBe(true);
    expect(events).toEqual([{ name: 'showView', payload: 'settings' }]);
    await controller.dispatch('updateSettings', [{ webAppBucketUrl: TEMPLATE }]);
    await controller.runMenuAction({ type: 'open-in-web-app', bucketId: id });
    expect(opened).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it('the tray’s “Open in web app” submenu lists the buckets once the address is set, and points to Settings before', async () => {
    const { controller } = await start();
    const submenu = () => {
      const menu = trayModel(controller.state, { now: Date.now(), platform: 'linux', launchAtLoginSupported: true }).menu;
      const item = menu.find((entry): entry is Extract<MenuItemModel, { kind: 'submenu' }> => entry.kind === 'submenu' && entry.label === 'Open in web app');
      return item!.items.map((entry) => (entry.kind === 'item' ? entry.action : undefined));
    };
    expect(submenu()).toEqual([{ type: 'settings' }]);
    await controller.dispatch('updateSettings', [{ webAppBucketUrl: TEMPLATE }]);
    expect(submenu()).toContainEqual({ type: 'open-in-web-app', bucketId: controller.state.buckets[0]!.id });
  });
});
