export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A display as Electron's `screen` gives it, in DIP (device-independent pixels). */
export interface DisplayLayout {
  bounds: Rect;
  workArea: Rect;
}

type TaskbarSide = 'top' | 'bottom' | 'left' | 'right';

export function isUsableRect(rect: Rect | undefined): rect is Rect {
  return rect !== undefined && rect.width > 0 && rect.height > 0;
}

function distanceSquared(point: Point, rect: Rect): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width - 1));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height - 1));
  return dx * dx + dy * dy;
}

/** The display a point is on, or the nearest one (a tray icon reported in the gap between displays). */
export function displayAt<D extends DisplayLayout>(point: Point, displays: readonly D[]): D {
  let best = displays[0]!;
  for (const display of displays) if (distanceSquared(point, display.bounds) < distanceSquared(point, best.bounds)) best = display;
  return best;
}

export function centreOf(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/**
 * Which side the taskbar/menu bar is on, from the gap between the display and its work
 * area; with no gap (a taskbar that hides itself), the display edge nearest the tray icon.
 */
export function taskbarSide(display: Rect, workArea: Rect, tray?: Rect): TaskbarSide {
  const gaps: Array<[TaskbarSide, number]> = [
    ['top', workArea.y - display.y],
    ['bottom', display.y + display.height - (workArea.y + workArea.height)],
    ['left', workArea.x - display.x],
    ['right', display.x + display.width - (workArea.x + workArea.width)],
  ];
  const [side, gap] = gaps.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  if (gap > 0) return side;
  if (!isUsableRect(tray)) return 'top';
  const centre = centreOf(tray);
  const edges: Array<[TaskbarSide, number]> = [
    ['top', centre.y - display.y],
    ['bottom', display.y + display.height - centre.y],
    ['left', centre.x - display.x],
    ['right', display.x + display.width - centre.x],
  ];
  return edges.reduce((best, entry) => (entry[1] < best[1] ? entry : best))[0];
}

const MARGIN = 8;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Where the popover goes and how big it is: next to the tray icon when its bounds are
 * known (macOS, Windows), on the taskbar's side; in that side's corner when they are not
 * (most Linux panels); always inside the work area of the display in question, never
 * under a taskbar on any edge. A work area smaller than the popover (a small screen at
 * 200–250 %) gets a popover that fits it. Whole DIP values, as `setBounds` wants.
 */
export function popoverBounds(input: { window: { width: number; height: number }; display: Rect; workArea: Rect; trayBounds?: Rect }): Rect {
  const { workArea } = input;
  const tray = isUsableRect(input.trayBounds) ? input.trayBounds : undefined;
  const side = taskbarSide(input.display, workArea, tray);
  const width = Math.floor(Math.min(input.window.width, workArea.width - 2 * MARGIN));
  const height = Math.floor(Math.min(input.window.height, workArea.height - 2 * MARGIN));
  const maxX = workArea.x + workArea.width - width - MARGIN;
  const maxY = workArea.y + workArea.height - height - MARGIN;
  const minX = workArea.x + MARGIN;
  const minY = workArea.y + MARGIN;
  const at = (x: number, y: number): Rect => ({ x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY - MARGIN / 2, maxY + MARGIN / 2)), width, height });
  if (tray) {
    const centreX = tray.x + tray.width / 2 - width / 2;
    const centreY = tray.y + tray.height / 2 - height / 2;
    switch (side) {
      case 'top':
        return at(centreX, workArea.y + MARGIN / 2);
      case 'bottom':
        return at(centreX, workArea.y + workArea.height - height - MARGIN / 2);
      case 'left':
        return { ...at(0, clamp(centreY, minY, maxY)), x: Math.round(workArea.x + MARGIN / 2) };
      case 'right':
        return { ...at(0, clamp(centreY, minY, maxY)), x: Math.round(workArea.x + workArea.width - width - MARGIN / 2) };
    }
  }
  // Unknown tray position: the corner where tray icons usually live on that side.
  switch (side) {
    case 'left':
      return at(minX, maxY);
    case 'top':
      return at(maxX, minY);
    default:
      return at(maxX, maxY);
  }
}
