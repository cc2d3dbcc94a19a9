import { act } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

/** The classes of a row's elements that carry text (what its fonts are chosen by). */
function textClasses(root: Element): Set<string> {
  const classes = new Set<string>();
  for (const element of root.querySelectorAll('*')) {
    if (![...element.childNodes].some((node) => node.nodeType === 3 && node.textContent!.trim())) continue;
    for (const name of element.classList) classes.add(name);
  }
  return classes;
}

describe("a row's fonts before the first list", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('are laid out, hidden from everyone, while the popover waits for its list, and gone once the list shows', async () => {
    const bridge = await renderApp(signedInState({ buckets: [] }));
    const sample = document.querySelector('.row-fonts');
    expect(sample?.getAttribute('aria-hidden')).toBe('true');
    expect(sample?.querySelector('button, a, input, [tabindex]')).toBeNull();
    const sampled = textClasses(sample!);

    await act(async () => bridge.pushState(signedInState({ buckets: [bucket('a', { name: 'Alpha', status: 'OFFLINE' }), bucket('b', { name: 'Beta', storageType: 'GCS' })] })));
    expect(document.querySelector('.row-fonts')).toBeNull();
    const row = document.querySelector('li.row')!;
    // The chip (its icon and word), the semibold name and the storage badge: the styles only rows use.
    for (const name of ['chip-icon', 'chip-text', 'row-name', 'badge']) {
      expect(textClasses(row).has(name)).toBe(true);
      expect(sampled.has(name)).toBe(true);
    }
  });
});
