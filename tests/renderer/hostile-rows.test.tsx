import { cleanup, render, screen, within } from '@testing-library/preact';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketRow } from '../../src/renderer/components/list/BucketRow';
import { filterOptions, indexBuckets, listItems, NO_FILTERS, workspaceNamesOf } from '../../src/renderer/list-model/bucket-query';
import { BucketSearch } from '../../src/renderer/list-model/bucket-search';
import { NO_LINK } from '../../src/shared/web-app-link';
import { DEFAULT_WEB_APP_URL } from '../../src/shared/contract';
import { hostileBucket, hostileString } from '../hostile-strings';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

const TEMPLATE = 'https://app.example/buckets/{id}';
const noop = () => undefined;

describe('rows of hostile buckets', () => {
  it('a lone-surrogate id and a ".." id do not blank the list: their rows say on hover why they have no web-app link', async () => {
    const buckets = [bucket('ok', { name: 'Fine' }), bucket('sur\ud800rogate', { name: 'Broken id' }), bucket('..', { name: 'Dots' })];
    await renderApp(signedInState({ buckets, settings: { ...signedInState().settings, webAppBucketUrl: TEMPLATE } }));
    const list = screen.getByRole('list', { name: 'Available buckets, 3' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByRole('link', { name: 'Open Fine in the web app' }).getAttribute('href')).toBe('https://app.example/buckets/ok');
    expect(within(list).getAllByRole('link')).toHaveLength(1);
    const broken = within(list).getByRole('listitem', { name: 'Broken id, ONLINE' });
    expect(broken.querySelector('.link-off')?.getAttribute('title')).toBe(NO_LINK.badCharacters);
    const dots = within(list).getByRole('listitem', { name: 'Dots, ONLINE' });
    expect(dots.querySelector('.link-off')?.getAttribute('title')).toBe(NO_LINK.dotSegment);
  });

  it('one row that fails to render stays one line saying so; the other rows and the list go on', async () => {
    const bad = bucket('bad', { name: 'Bad' });
    Object.defineProperty(bad, 'key', { get: () => { throw new Error('a bug no test found yet'); }, enumerable: true });
    await renderApp(signedInState({ buckets: [bucket('a', { name: 'Alpha' }), bad, bucket('c', { name: 'Gamma' })] }));
    const list = screen.getByRole('list', { name: 'Available buckets, 3' });
    expect(within(list).getByRole('listitem', { name: 'Alpha, ONLINE' })).toBeTruthy();
    expect(within(list).getByRole('listitem', { name: 'Gamma, ONLINE' })).toBeTruthy();
    expect(within(list).getByText('This bucket could not be shown.')).toBeTruthy();
  });

  it('any bucket’s row renders, with a link or a reason, whatever its strings', () => {
    fc.assert(
      fc.property(hostileBucket, fc.constantFrom('', TEMPLATE, 'https://app.example/b?id={id}'), (item, template) => {
        const { container } = render(
          <ul>
            <BucketRow bucket={item} now={NOW} active focused={false} copied={undefined} position={1} total={1} top={0} workspace={item.workspaceId ?? 'No workspace'} onCopy={noop} onHistory={noop} webApp={{ webAppUrl: DEFAULT_WEB_APP_URL, webAppBucketUrl: template }} onOpenInWebApp={noop} onFocusRow={noop} muted={false} onMute={noop} />
          </ul>,
        );
        const row = container.querySelector('li.row')!;
        expect(row).toBeTruthy();
        // The web app needs no set-up: a link (to the bucket's page, or the web app) or a reason, always one.
        expect(row.querySelectorAll('a.link, .link-off')).toHaveLength(1);
        cleanup();
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('indexing, searching, filtering and grouping hostile buckets never throws', () => {
    fc.assert(
      fc.property(fc.array(hostileBucket, { maxLength: 30 }), hostileString, (buckets, query) => {
        const names = workspaceNamesOf(buckets.map((item, i) => ({ id: item.workspaceId ?? `w${i}`, name: item.name ?? '' })));
        const indexed = indexBuckets(buckets, names);
        const found = new BucketSearch().run(indexed, { ...NO_FILTERS, query, status: buckets[0]?.status ?? '' });
        expect(found.length).toBeLessThanOrEqual(buckets.length);
        expect(filterOptions(buckets).statuses.length).toBeLessThanOrEqual(buckets.length);
        expect(listItems(found, true, names).length).toBeGreaterThanOrEqual(found.length);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
