import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInState } from './fixtures';

describe('updates in the popover', () => {
  it('a ready update: the header offers the restart, and it asks main to install', async () => {
    const bridge = await renderApp({ ...signedInState(), update: { kind: 'ready', version: '1.2.3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update to v1.2.3' }));
    expect(bridge.commands('installUpdate')).toEqual([[]]);
  });

  it('settings: the automatic switch, "Check now" when it is off, and where things stand', async () => {
    const state = signedInState();
    const bridge = await renderApp({ ...state, settings: { ...state.settings, autoUpdate: false }, update: { kind: 'up-to-date', checkedAt: new Date().toISOString() } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('checkbox', { name: 'Check for updates automatically' })).toHaveProperty('checked', false);
    expect(screen.getByText(/^Up to date \(checked \d\d?:\d\d( [AP]M)?\)\.$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(bridge.commands('checkForUpdates')).toEqual([[]]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Check for updates automatically' }));
    expect(bridge.commands('updateSettings')).toEqual([[{ autoUpdate: true }]]);
  });

  it('"Check now" works while a download runs (a stuck download must not block the next check)', async () => {
    const state = signedInState();
    const bridge = await renderApp({ ...state, settings: { ...state.settings, autoUpdate: false }, update: { kind: 'downloading', version: '1.2.3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText('Version 1.2.3 is downloading in the background.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(bridge.commands('checkForUpdates')).toEqual([[]]);
  });

  it('an installation that cannot update says why, and offers no switch to flip', async () => {
    await renderApp({ ...signedInState(), update: { kind: 'unsupported', reason: 'This Linux package is updated by your package manager (apt, dnf …), not by Flashback Tray.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText(/updated by your package manager/)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Check for updates automatically' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Check now' })).toBeNull();
  });
});

describe('detaching the popover', () => {
  it('"Open in a window" asks main to open the detached window', async () => {
    const bridge = await renderApp(signedInState());
    fireEvent.click(screen.getByRole('button', { name: 'Open in a window' }));
    expect(bridge.commands('detachPopover')).toEqual([[]]);
  });

  it('its icon is a window with an arrow leaving it (pop out), not two squares (which reads as Copy)', async () => {
    await renderApp(signedInState());
    const icon = screen.getByRole('button', { name: 'Open in a window' }).querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(icon.querySelectorAll('rect')).toHaveLength(0);
    const paths = [...icon.querySelectorAll('path')].map((path) => path.getAttribute('d'));
    // The arrow: a diagonal out to the top-right corner, and its head there.
    expect(paths).toContain('M7.25 8.75 14.25 1.75');
    expect(paths).toContain('M9.75 1.75h4.5v4.5');
  });
});
