import { bucketKey } from '../../src/shared/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewEvent } from '../../src/main/core/app/controller-options';
import { validateSettingsPatch, settingsFromJson } from '../../src/main/core/settings/settings';
import { trayModel } from '../../src/main/core/desktop/tray-model';
import type { MenuItemModel } from '../../src/shared/desktop';
import { bucketWebAppLink, isWebAppTemplate, templateFromExample } from '../../src/shared/web-app-link';

const bucketWebAppUrl = (template: string, bucketId: string) => {
  const link = bucketWebAppLink(template, bucketId);
  return 'url' in link ? link.url : undefined;
};
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
    const bucket = harness.controller.state.buckets[0]!;
    return { controller: harness.controller, opened, id: bucketKey(bucket), bucketId: bucket.id };
  }

  it('opens the web app from the first start, the bucket’s own page once it is set, only a listed bucket, through the shell', async () => {
    const { controller, opened, id, bucketId } = await start();
    expect(controller.state.settings.webAppUrl).toBe('https://platform.flashback.tech');
    expect(await controller.dispatch('openInWebApp', [id])).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual(['https://platform.flashback.tech/']);
    expect((await controller.dispatch('updateSettings', [{ webAppBucketUrl: TEMPLATE }])).ok).toBe(true);
    expect(await controller.dispatch('openInWebApp', [id])).toEqual({ ok: true, value: undefined });
    expect(opened[1]).toBe(`https://platform.example/buckets/${encodeURIComponent(bucketId)}`);
    expect((await controller.dispatch('openInWebApp', ['not-a-listed-bucket'])).ok).toBe(false);
    for (const args of [[], [42], [id, 'extra'], ['\u202Eid']]) expect((await controller.dispatch('openInWebApp', args)).ok).toBe(false);
    expect(opened).toHaveLength(2);
  });

  it('the web app address is a setting: https only, no credentials; an unusable one in the file falls back to the default', async () => {
    expect(validateSettingsPatch({ webAppUrl: 'https://app.example.eu/' })).toEqual({ ok: true, patch: { webAppUrl: 'https://app.example.eu/' } });
    for (const bad of ['http://platform.flashback.tech', 'https://user:pw@platform.flashback.tech', 'javascript:alert(1)', 42, '']) expect(validateSettingsPatch({ webAppUrl: bad }).ok).toBe(false);
    const { settings, invalid } = settingsFromJson({ webAppUrl: 'file:///etc/passwd' });
    expect(settings.webAppUrl).toBe('https://platform.flashback.tech');
    expect(invalid).toEqual(['webAppUrl']);
  });

  it('from the tray: opens the bucket in the web app from the first start', async () => {
    const { controller, opened, id } = await start();
    const events: ViewEvent[] = [];
    controller.onViewEvent((event) => events.push(event));
    expect(await controller.runMenuAction({ type: 'open-in-web-app', bucketId: id })).toBe(true);
    expect(opened).toEqual(['https://platform.flashback.tech/']);
    expect(events).toEqual([]);
  });

  it('the tray’s “Open in web app” submenu lists the buckets from the first start', async () => {
    const { controller } = await start();
    const menu = trayModel(controller.state, { now: Date.now(), platform: 'linux', launchAtLoginSupported: true }).menu;
    const item = menu.find((entry): entry is Extract<MenuItemModel, { kind: 'submenu' }> => entry.kind === 'submenu' && entry.label === 'Open in web app');
    expect(item!.items.map((entry) => (entry.kind === 'item' ? entry.action : undefined))).toContainEqual({ type: 'open-in-web-app', bucketId: bucketKey(controller.state.buckets[0]!) });
  });
});
