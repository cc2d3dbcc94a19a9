import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bucket, NOW, renderApp, signedInState } from './fixtures';


const rows = () => screen.getAllByRole('listitem');

describe('the bucket list', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('shows one row per bucket, problems first, with status, type, provider bucket, masked key, workspace and dates', async () => {
    await renderApp();
    const list = screen.getByRole('list', { name: 'Available buckets, 3' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['Beta, OFFLINE', 'Gamma, DISCONNECTED', 'Alpha, ONLINE']);
    const beta = items[0]!;
    expect(beta.textContent).toContain('OFFLINE');
    expect(beta.textContent).toContain('GCS');
    expect(beta.textContent).toContain('provider-b');
    expect(beta.textContent).toContain('AKIA…MPLE');
    expect(beta.textContent).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(beta.textContent).toContain('workspace-b');
    // When it was created is on the name's tooltip: the row's lines keep their room for what changes (issue 24).
    expect(beta.querySelector('.row-name')!.getAttribute('title')).toMatch(/ · created \d+ Jan 2024$/);
    expect(beta.textContent).toContain('same for 5 min');
    expect(within(items[1]!).getByText('Azure Blob')).toBeTruthy();
  });

  it('shows when a status changed and what it was before', async () => {
    await renderApp(signedInState({ buckets: [bucket('x', { name: 'Xeno', status: 'OFFLINE', previousStatus: 'ONLINE' })] }));
    const since = screen.getByText('changed 5 min ago');
    expect(since.getAttribute('title')).toBe('Was ONLINE');
  });

  it('never uses colour alone: each status chip has an icon and its text', async () => {
    await renderApp();
    const chips = document.querySelectorAll('.chip');
    expect([...chips].map((chip) => chip.textContent)).toEqual(['✕OFFLINE', '▲DISCONNECTED', '●ONLINE']);
  });

  it('shows unknown statuses and storage types as they are', async () => {
    await renderApp(signedInState({ buckets: [bucket('x', { status: 'DEGRADED', storageType: 'WASABI' })] }));
    expect(document.querySelector('.chip-unknown')?.textContent).toBe('?DEGRADED');
    expect(document.querySelector('.badge')?.textContent).toBe('WASABI');
  });

  it('shows counts and when it was last updated in the header', async () => {
    await renderApp();
    expect(document.querySelector('.header-status')!.textContent).toBe('3 buckets · 2 need attention · updated 40 s ago');
  });

  it('marks the list as out of date when the last attempt failed', async () => {
    await renderApp(signedInState({ sync: { ...signedInState().sync, stale: true } }));
    expect(document.querySelector('.header-status .stale')!.textContent).toBe('· updated 40 s ago (out of date)');
  });

  it('shows a spinner on the refresh button while a request is in flight', async () => {
    const bridge = await renderApp();
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeTruthy();
    act(() => bridge.pushState(signedInState({ sync: { ...signedInState().sync, inFlight: true, phase: 'refreshing' } })));
    const busy = screen.getByRole('button', { name: 'Refreshing…' });
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.querySelector('.spinner')).toBeTruthy();
  });

  it('copies a bucket id with one click, confirms it visibly and announces it', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Copy bucket id of Alpha' }));
    await waitFor(() => expect(bridge.commands('copyText')).toEqual([['a', 'bucket-id']]));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy bucket id of Alpha' }).textContent).toBe('Copied'));
    expect(screen.getByTestId('announcer').textContent).toBe('Copied bucket id of Alpha.');
  });

  it('copies the provider bucket name too', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Copy bucket name provider-a' }));
    await waitFor(() => expect(bridge.commands('copyText')).toEqual([['provider-a', 'bucket-name']]));
  });

  it('says so when copying fails', async () => {
    const bridge = await renderApp();
    bridge.results.copyText = { ok: false, error: { code: 'X', message: 'Clipboard is busy.' } };
    fireEvent.click(screen.getByRole('button', { name: 'Copy bucket id of Alpha' }));
    // Shown, not only announced: an alert a sighted user reads too.
    await waitFor(() => expect(document.querySelector('.toast[role=alert]')!.textContent).toBe('Could not copy the bucket id: Clipboard is busy.'));
  });
});

describe('finding buckets', () => {
  it('filters by search text over name, provider bucket, id and workspace', async () => {
    await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search buckets' });
    fireEvent.input(search, { target: { value: 'gam' } });
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(['Gamma, DISCONNECTED']);
    fireEvent.input(search, { target: { value: 'provider-a' } });
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(['Alpha, ONLINE']);
    fireEvent.input(search, { target: { value: 'workspace-b' } });
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(['Beta, OFFLINE']);
  });

  it('filters by status, storage type and workspace', async () => {
    await renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by status' }), { target: { value: 'problems' } });
    expect(rows()).toHaveLength(2);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by storage type' }), { target: { value: 'GCS' } });
    expect(rows().map((row) => row.getAttribute('aria-label'))).toEqual(['Beta, OFFLINE']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by storage type' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by status' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by workspace' }), { target: { value: 'workspace-a' } });
    expect(rows()).toHaveLength(2);
  });

  it('groups by workspace under headings when the list is sorted by workspace', async () => {
    const state = signedInState();
    state.settings.listOrder = 'workspace';
    await renderApp(state);
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['workspace-a · 2', 'workspace-b · 1']);
  });

  it('sorts as the remembered setting says: name, recently changed; choosing asks main to remember it', async () => {
    const state = signedInState();
    state.buckets = [
      bucket('a', { name: 'Alpha', statusSince: new Date(NOW - 60_000).toISOString() }),
      bucket('b', { name: 'Beta', status: 'OFFLINE', statusSince: new Date(NOW - 3_600_000).toISOString() }),
      bucket('c', { name: 'Gamma', statusSince: new Date(NOW - 1_000).toISOString() }),
    ];
    const bridge = await renderApp(state);
    const names = () => rows().map((row) => row.getAttribute('aria-label')!.split(',')[0]);
    expect(names()).toEqual(['Beta', 'Alpha', 'Gamma']);
    const sort = screen.getByRole('combobox', { name: 'Sort buckets' });
    expect((sort as HTMLSelectElement).value).toBe('problems');
    fireEvent.change(sort, { target: { value: 'name' } });
    expect(bridge.commands('updateSettings')).toEqual([[{ listOrder: 'name' }]]);
    await act(async () => bridge.pushState({ ...state, settings: { ...state.settings, listOrder: 'name' } }));
    expect(names()).toEqual(['Alpha', 'Beta', 'Gamma']);
    await act(async () => bridge.pushState({ ...state, settings: { ...state.settings, listOrder: 'changed' } }));
    expect(names()).toEqual(['Gamma', 'Alpha', 'Beta']);
    expect((screen.getByRole('combobox', { name: 'Sort buckets' }) as HTMLSelectElement).value).toBe('changed');
  });

  it('explains an empty search and clears the filters', async () => {
    await renderApp();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search buckets' }), { target: { value: 'zzz' } });
    expect(screen.getByText('No buckets match')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rows()).toHaveLength(3);
  });
});

describe('empty states', () => {
  it('explains that no bucket is available', async () => {
    await renderApp(signedInState({ buckets: [] }));
    expect(screen.getByText('No buckets are available')).toBeTruthy();
    expect(screen.getByText(/All your buckets are used by mirror repositories/)).toBeTruthy();
  });

  it('says it is loading before the first list arrives', async () => {
    await renderApp(signedInState({ buckets: [], sync: { phase: 'refreshing', stale: false, inFlight: true } }));
    expect(screen.getByText('Loading your buckets…')).toBeTruthy();
  });

  it('greets a first run with the sign-in view', async () => {
    await renderApp(signedInState({ auth: { kind: 'signed-out' }, buckets: [] }));
    expect(screen.getByRole('heading', { name: 'Sign in to Flashback' })).toBeTruthy();
    expect(screen.getByText(/right from your menu bar/)).toBeTruthy();
  });
});

describe('keyboard', () => {
  it('moves through rows with the arrow keys and copies with Enter (Shift+Enter: bucket name)', async () => {
    const bridge = await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search buckets' });
    search.focus();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Beta, OFFLINE'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Gamma, DISCONNECTED'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await waitFor(() => expect(bridge.commands('copyText')).toEqual([['c', 'bucket-id']]));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter', shiftKey: true });
    await waitFor(() => expect(bridge.commands('copyText')).toContainEqual(['provider-c', 'bucket-name']));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Alpha, ONLINE'));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Beta, OFFLINE'));
  });

  it('keeps exactly one row in the tab order (roving tabindex)', async () => {
    await renderApp();
    expect(rows().filter((row) => row.tabIndex === 0)).toHaveLength(1);
  });

  it('"/" focuses search, "r" refreshes, "," opens settings, Esc goes back, clears search, then hides', async () => {
    const bridge = await renderApp();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search buckets' }));
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(bridge.commands('refresh')).toHaveLength(1);
    fireEvent.keyDown(document.body, { key: ',' });
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    const search = screen.getByRole('searchbox', { name: 'Search buckets' });
    fireEvent.input(search, { target: { value: 'alp' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(bridge.commands('hidePopover')).toHaveLength(0);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(bridge.commands('hidePopover')).toHaveLength(1);
  });

  it('does not treat letters typed into search as shortcuts', async () => {
    const bridge = await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search buckets' });
    fireEvent.keyDown(search, { key: 'r' });
    expect(bridge.commands('refresh')).toHaveLength(0);
  });

  it('puts the cursor in the search box when the popover opens', async () => {
    const bridge = await renderApp();
    act(() => bridge.emit('shown', true));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search buckets' })));
  });

  it('opens on the bucket a notification was about', async () => {
    const bridge = await renderApp();
    act(() => bridge.emit('focusBucket', 'c'));
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Gamma, DISCONNECTED'));
  });
});

describe('accessibility', () => {
  it('names every button, input and select', async () => {
    await renderApp();
    for (const element of document.querySelectorAll('button, input, select')) {
      const name = element.getAttribute('aria-label') ?? element.closest('label')?.textContent ?? element.textContent;
      expect(name?.trim(), element.outerHTML).toBeTruthy();
    }
  });

  it('gives rows their position in the whole list', async () => {
    await renderApp();
    expect(rows().map((row) => `${row.getAttribute('aria-posinset')}/${row.getAttribute('aria-setsize')}`)).toEqual(['1/3', '2/3', '3/3']);
  });
});
