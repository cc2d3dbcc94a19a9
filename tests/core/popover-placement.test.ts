import { describe, expect, it } from 'vitest';
import { displayAt, popoverBounds, type DisplayLayout, type Rect } from '../../src/main/core/desktop/popover-position';
import { trayAnchor, STALE_TRAY_BOUNDS_MS } from '../../src/main/core/desktop/tray-anchor';

const POPOVER = { width: 380, height: 520 };
const inside = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * A Windows display as Electron's `screen` reports it: DIP bounds (physical size ÷ scale),
 * the taskbar (48 px at 100 %, scaled too) on one edge, the tray icon on it near the clock.
 */
function windowsDisplay(physical: Rect, scale: number, edge: 'top' | 'bottom' | 'left' | 'right', autoHide = false): DisplayLayout & { taskbar: Rect; tray: Rect } {
  const bounds = { x: physical.x, y: physical.y, width: Math.round(physical.width / scale), height: Math.round(physical.height / scale) };
  const bar = 48;
  const taskbar = {
    top: { ...bounds, height: bar },
    bottom: { ...bounds, y: bounds.y + bounds.height - bar, height: bar },
    left: { ...bounds, width: bar },
    right: { ...bounds, x: bounds.x + bounds.width - bar, width: bar },
  }[edge];
  const workArea = autoHide
    ? bounds
    : {
        top: { ...bounds, y: bounds.y + bar, height: bounds.height - bar },
        bottom: { ...bounds, height: bounds.height - bar },
        left: { ...bounds, x: bounds.x + bar, width: bounds.width - bar },
        right: { ...bounds, width: bounds.width - bar },
      }[edge];
  // The notification area: the far end of a horizontal taskbar, the bottom of a vertical one.
  const tray =
    edge === 'top' || edge === 'bottom'
      ? { x: taskbar.x + taskbar.width - 120, y: taskbar.y + 8, width: 24, height: 32 }
      : { x: taskbar.x + 8, y: taskbar.y + taskbar.height - 80, width: 32, height: 24 };
  return { bounds, workArea, taskbar, tray };
}

describe('Windows: across monitors, the taskbar on any edge, scale factors 100–250 %', () => {
  const scales = [1, 1.25, 1.5, 1.75, 2, 2.5];
  const edges = ['top', 'bottom', 'left', 'right'] as const;

  it.each(scales.flatMap((scale) => edges.map((edge) => [scale, edge] as const)))('at %s× with the taskbar at the %s, on the second monitor: next to the icon, never behind the taskbar', (scale, edge) => {
    const primary = windowsDisplay({ x: 0, y: 0, width: 1920, height: 1080 }, 1, 'bottom');
    const second = windowsDisplay({ x: 1920, y: 0, width: 3840, height: 2160 }, scale, edge);
    const displays = [primary, second];
    const display = displayAt({ x: second.tray.x + 12, y: second.tray.y + 12 }, displays);
    expect(display).toBe(second);
    const placed = popoverBounds({ window: POPOVER, display: display.bounds, workArea: display.workArea, trayBounds: trayAnchor({ platform: 'win32', click: second.tray, trayAgeMs: 10_000, cursor: { x: 0, y: 0 }, displays }) });
    expect(inside(second.workArea, placed), JSON.stringify(placed)).toBe(true);
    expect(overlaps(placed, second.taskbar)).toBe(false);
    expect(Object.values(placed).every(Number.isInteger)).toBe(true);
    // Beside the icon: the edge that faces the taskbar is within a few px of it.
    const gap = { top: placed.y - second.workArea.y, bottom: second.workArea.y + second.workArea.height - (placed.y + placed.height), left: placed.x - second.workArea.x, right: second.workArea.x + second.workArea.width - (placed.x + placed.width) }[edge];
    expect(gap).toBeLessThanOrEqual(4);
  });

  it('a small screen at 250 %: the popover shrinks to the work area instead of running under the taskbar', () => {
    const laptop = windowsDisplay({ x: 0, y: 0, width: 1920, height: 1080 }, 2.5, 'bottom');
    expect(laptop.workArea.height).toBeLessThan(POPOVER.height);
    const placed = popoverBounds({ window: POPOVER, display: laptop.bounds, workArea: laptop.workArea, trayBounds: laptop.tray });
    expect(placed.height).toBe(laptop.workArea.height - 16);
    expect(inside(laptop.workArea, placed)).toBe(true);
  });

  it('a taskbar that hides itself (no gap in the work area): the side comes from where the icon is', () => {
    for (const edge of ['top', 'bottom', 'left', 'right'] as const) {
      const display = windowsDisplay({ x: 0, y: 0, width: 1920, height: 1080 }, 1, edge, true);
      const placed = popoverBounds({ window: POPOVER, display: display.bounds, workArea: display.workArea, trayBounds: display.tray });
      const centre = { x: placed.x + placed.width / 2, y: placed.y + placed.height / 2 };
      const toward = { top: centre.y < 540, bottom: centre.y > 540, left: centre.x < 960, right: centre.x > 960 }[edge];
      expect(toward, edge).toBe(true);
    }
  });

  it('a monitor to the left of the primary one (negative x): on that monitor', () => {
    const left = windowsDisplay({ x: -2560, y: -360, width: 2560, height: 1440 }, 1, 'bottom');
    const primary = windowsDisplay({ x: 0, y: 0, width: 1920, height: 1080 }, 1, 'bottom');
    const display = displayAt({ x: left.tray.x, y: left.tray.y }, [primary, left]);
    const placed = popoverBounds({ window: POPOVER, display: display.bounds, workArea: display.workArea, trayBounds: left.tray });
    expect(display).toBe(left);
    expect(inside(left.workArea, placed)).toBe(true);
  });

  it('opened without a click (shortcut, notification): the icon it reports, else the last click', () => {
    const icon = { x: 1700, y: 1045, width: 24, height: 30 };
    const base = { platform: 'win32' as const, trayAgeMs: 10, cursor: { x: 5, y: 5 }, displays: [] };
    expect(trayAnchor({ ...base, reported: icon })).toEqual(icon);
    expect(trayAnchor({ ...base, reported: { x: 0, y: 0, width: 0, height: 0 }, lastClick: icon })).toEqual(icon);
    expect(trayAnchor({ ...base })).toBeUndefined();
  });
});

describe('macOS: stale tray bounds, menu bars on every display, displays above (negative y)', () => {
  const main: DisplayLayout = { bounds: { x: 0, y: 0, width: 1512, height: 982 }, workArea: { x: 0, y: 38, width: 1512, height: 944 } };
  const above: DisplayLayout = { bounds: { x: -200, y: -1440, width: 2560, height: 1440 }, workArea: { x: -200, y: -1415, width: 2560, height: 1415 } };
  const displays = [main, above];

  it('a click: its own bounds, even on a display above the main one', () => {
    const click = { x: 1900, y: -1440, width: 30, height: 24 };
    const anchor = trayAnchor({ platform: 'darwin', click, reported: { x: 1900, y: 0, width: 30, height: 24 }, trayAgeMs: 50, cursor: { x: 1910, y: -1430 }, displays });
    expect(anchor).toEqual(click);
    const display = displayAt({ x: 1915, y: -1428 }, displays);
    expect(display).toBe(above);
    const placed = popoverBounds({ window: POPOVER, display: display.bounds, workArea: display.workArea, trayBounds: anchor });
    expect(placed.y).toBe(-1415 + 4);
    expect(inside(above.workArea, placed)).toBe(true);
  });

  it(`within ${STALE_TRAY_BOUNDS_MS} ms of the tray being made, getBounds() is not believed`, () => {
    const stale = { x: 0, y: 0, width: 30, height: 24 };
    expect(trayAnchor({ platform: 'darwin', reported: stale, trayAgeMs: 100, cursor: { x: 700, y: 400 }, displays })).toBeUndefined();
    const later = { x: 1300, y: 0, width: 30, height: 24 };
    expect(trayAnchor({ platform: 'darwin', reported: later, trayAgeMs: STALE_TRAY_BOUNDS_MS, cursor: { x: 700, y: 400 }, displays })).toEqual(later);
  });

  it('without a click, the icon in the menu bar of the display the pointer is on (getBounds says y = 0 for the display above)', () => {
    // The icon sits 212 px from the right edge on every display's menu bar.
    const reported = { x: 1300, y: 0, width: 30, height: 24 };
    const anchor = trayAnchor({ platform: 'darwin', reported, trayAgeMs: 5000, cursor: { x: 900, y: -700 }, displays });
    expect(anchor).toEqual({ x: -200 + 2560 - 212, y: -1440, width: 30, height: 24 });
    const placed = popoverBounds({ window: POPOVER, display: above.bounds, workArea: above.workArea, trayBounds: anchor });
    expect(inside(above.workArea, placed)).toBe(true);
    expect(placed.x + placed.width / 2).toBeCloseTo(anchor!.x + 15, -1);
  });

  it('stale bounds but a click seen before: the last click, moved to the pointer’s display', () => {
    const lastClick = { x: 1300, y: 0, width: 30, height: 24 };
    expect(trayAnchor({ platform: 'darwin', reported: { x: 0, y: 0, width: 30, height: 24 }, lastClick, trayAgeMs: 10, cursor: { x: 100, y: 100 }, displays })).toEqual(lastClick);
  });
});
