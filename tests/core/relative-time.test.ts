import { describe, expect, it } from 'vitest';
import { clockTime, timeOfDay, msUntilCountdownChanges, msUntilRelativeTimeChanges, relativeTime } from '../../src/shared/format';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const ago = (ms: number) => new Date(T0 - ms).toISOString();

describe('relative times', () => {
  it('never speak in the future tense: a server clock ahead of ours reads "just now"', () => {
    expect(relativeTime(ago(-4000), T0)).toBe('just now');
    expect(relativeTime(ago(-3 * 3600_000), T0)).toBe('just now');
    expect(relativeTime(ago(40_000), T0)).toBe('40 s ago');
  });

  it('know when their label next changes, at every scale', () => {
    // For each elapsed time: the label now, and that it is still the same 1 ms before the computed moment and different at it.
    for (const elapsed of [-10_000, 0, 4000, 4499, 4500, 12_300, 59_400, 59_600, 89_000, 95_000, 1_799_000, 3_569_000, 3_580_000, 7_000_000, 170_000_000, 171_500_000, 400_000_000]) {
      const iso = ago(elapsed);
      const wait = msUntilRelativeTimeChanges(iso, T0)!;
      expect(wait).toBeGreaterThan(0);
      const label = relativeTime(iso, T0);
      expect(relativeTime(iso, T0 + wait - 1), `elapsed ${elapsed}`).toBe(label);
      expect(relativeTime(iso, T0 + wait), `elapsed ${elapsed}`).not.toBe(label);
    }
    expect(msUntilRelativeTimeChanges(undefined, T0)).toBeUndefined();
  });

  it('countdowns too ("Retrying in 2 min."), until they say "now"', () => {
    const countdown = (iso: string, now: number) => {
      const s = Math.round((Date.parse(iso) - now) / 1000);
      return s <= 1 ? 'now' : s < 60 ? `${s} s` : s < 3570 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
    };
    for (const remaining of [1500, 30_000, 59_600, 61_000, 150_000, 1_000_000, 3_600_000, 7_200_000]) {
      const iso = new Date(T0 + remaining).toISOString();
      const wait = msUntilCountdownChanges(iso, T0)!;
      expect(countdown(iso, T0 + wait - 1), `remaining ${remaining}`).toBe(countdown(iso, T0));
      expect(countdown(iso, T0 + wait), `remaining ${remaining}`).not.toBe(countdown(iso, T0));
    }
    expect(msUntilCountdownChanges(new Date(T0 + 500).toISOString(), T0)).toBeUndefined();
  });

  it('clock times for when a pause ends, in the user’s locale, across midnight', () => {
    const now = new Date(2026, 10, 25, 14, 0).getTime();
    expect(clockTime(new Date(2026, 10, 25, 15, 5).toISOString(), now, 'en-GB')).toBe('15:05');
    expect(clockTime(new Date(2026, 10, 26, 8, 0).toISOString(), now, 'en-GB')).toBe('tomorrow 08:00');
    expect(clockTime(new Date(2026, 10, 28, 8, 0).toISOString(), now, 'en-GB')).toBe('28 Nov 08:00');
    expect(clockTime(new Date(2026, 10, 24, 23, 50).toISOString(), now, 'en-GB')).toBe('yesterday 23:50');
    // Paused at 23:30 for an hour: the pause ends tomorrow, and says so.
    const lateEvening = new Date(2026, 10, 25, 23, 30).getTime();
    expect(clockTime(new Date(lateEvening + 3_600_000).toISOString(), lateEvening, 'en-GB')).toBe('tomorrow 00:30');
    expect(clockTime(new Date(lateEvening + 3_600_000).toISOString(), lateEvening, 'en-US')).toBe('tomorrow 12:30 AM');
    expect(timeOfDay(new Date(2026, 10, 25, 9, 5).getTime(), 'en-US')).toBe('9:05 AM');
    expect(clockTime('not a date', now)).toBe('');
  });
});
