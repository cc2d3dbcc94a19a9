import { centreOf, displayAt, isUsableRect, type DisplayLayout, type Point, type Rect } from './popover-position';

/** macOS reports stale tray bounds for about this long after the tray is made (electron#35984). */
export const STALE_TRAY_BOUNDS_MS = 500;

interface TrayAnchorInput {
  platform: NodeJS.Platform;
  /** The bounds the click event carried: right where the user clicked. */
  click?: Rect;
  /** `tray.getBounds()` now. */
  reported?: Rect;
  /** The bounds the last click carried. */
  lastClick?: Rect;
  /** How long ago the tray was made. */
  trayAgeMs: number;
  cursor: Point;
  displays: readonly DisplayLayout[];
}

/**
 * The tray icon's bounds to open the popover at, or undefined (then the popover goes to
 * the corner of the taskbar's side). The click's own bounds win: they are right on every
 * platform, while `getBounds()` on macOS is stale just after start and says y = 0 for a
 * menu bar on a display above the main one (electron#13461). Opened without a click (the
 * shortcut, a notification, the menu), on macOS the icon sits in the menu bar of the
 * display the pointer is on (each display has its own), as far from its right edge as
 * on the display it was reported on.
 */
export function trayAnchor(input: TrayAnchorInput): Rect | undefined {
  if (isUsableRect(input.click)) return input.click;
  if (input.platform !== 'darwin') return isUsableRect(input.reported) ? input.reported : isUsableRect(input.lastClick) ? input.lastClick : undefined;
  const fresh = input.trayAgeMs >= STALE_TRAY_BOUNDS_MS && isUsableRect(input.reported) ? input.reported : undefined;
  const known = fresh ?? (isUsableRect(input.lastClick) ? input.lastClick : undefined);
  if (!known || input.displays.length === 0) return undefined;
  const from = displayAt(centreOf(known), input.displays).bounds;
  const to = displayAt(input.cursor, input.displays).bounds;
  const fromRight = from.x + from.width - known.x;
  return { x: to.x + to.width - fromRight, y: to.y, width: known.width, height: known.height };
}
