import { act, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relativeTime } from '../../src/shared/format';
import { useNow } from '../../src/renderer/hooks/use-now';

function Label({ since }: { since: string }) {
  const now = useNow({ since: [since] });
  return <span data-testid="label">{relativeTime(since, now)}</span>;
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useNow: relative times tick when their label changes, and never while hidden', () => {
  afterEach(() => {
    setHidden(false);
    vi.useRealTimers();
  });

  it('one timer, due exactly when the label changes', () => {
    vi.useFakeTimers();
    const since = new Date(Date.now() - 12_300).toISOString(); // "12 s ago" until 12.5 s
    render(<Label since={since} />);
    expect(screen.getByTestId('label').textContent).toBe('12 s ago');
    expect(vi.getTimerCount()).toBe(1);
    act(() => {
      vi.advanceTimersByTime(199);
    });
    expect(screen.getByTestId('label').textContent).toBe('12 s ago');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.getByTestId('label').textContent).toBe('13 s ago');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('an hour-old label sleeps until its next change, not every 10 s', () => {
    vi.useFakeTimers();
    render(<Label since={new Date(Date.now() - 3_700_000).toISOString()} />); // "1 h ago" until 1.5 h
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getByTestId('label').textContent).toBe('1 h ago');
    act(() => {
      vi.advanceTimersByTime(1_700_000);
    });
    expect(screen.getByTestId('label').textContent).toBe('2 h ago');
  });

  it('no timer while the popover is hidden; fresh labels when it shows again', () => {
    vi.useFakeTimers();
    render(<Label since={new Date(Date.now() - 20_000).toISOString()} />);
    act(() => setHidden(true));
    expect(vi.getTimerCount()).toBe(0);
    act(() => {
      vi.advanceTimersByTime(600_000);
    });
    expect(screen.getByTestId('label').textContent).toBe('20 s ago');
    act(() => setHidden(false));
    expect(screen.getByTestId('label').textContent).toBe('10 min ago');
    expect(vi.getTimerCount()).toBe(1);
  });
});
