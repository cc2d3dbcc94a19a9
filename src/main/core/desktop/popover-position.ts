export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TaskbarSide = 'top' | 'bottom' | 'left' | 'right';

/** Which side the taskbar/menu bar is on, from the gap between the display and its work area. */
export function taskbarSide(display: Rect, workArea: Rect): TaskbarSide {
  const gaps: Array<[TaskbarSide, number]> = [
    ['top', workArea.y - display.y],
    ['bottom', display.y + display.height - (workArea.y + workArea.height)],
    ['left', workArea.x - display.x],
    ['right', display.x + display.width - (workArea.x + workArea.width)],
  ];
  const [side, gap] = gaps.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return gap > 0 ? side : 'top';
}

const MARGIN = 8;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Where the popover goes: next to the tray icon when its bounds are known (macOS, Windows),
 * on the taskbar's side; in that side's corner when they are not (most Linux panels); always
 * inside the work area of the display in question.
 */
export function popoverPosition(input: {
  window: { width: number; height: number };
  display: Rect;
  workArea: Rect;
  trayBounds?: Rect;
  platform: NodeJS.Platform;
}): { x: number; y: number } {
  const { window, workArea } = input;
  const side = taskbarSide(input.display, workArea);
  const tray = input.trayBounds && input.trayBounds.width > 0 && input.trayBounds.height > 0 ? input.trayBounds : undefined;
  const maxX = workArea.x + workArea.width - window.width - MARGIN;
  const maxY = workArea.y + workArea.height - window.height - MARGIN;
  const minX = workArea.x + MARGIN;
  const minY = workArea.y + MARGIN;
  if (tray) {
    const centreX = tray.x + tray.width / 2 - window.width / 2;
    const centreY = tray.y + tray.height / 2 - window.height / 2;
    switch (side) {
      case 'top':
        return { x: Math.round(clamp(centreX, minX, maxX)), y: workArea.y + MARGIN / 2 };
      case 'bottom':
        return { x: Math.round(clamp(centreX, minX, maxX)), y: workArea.y + workArea.height - window.height - MARGIN / 2 };
      case 'left':
        return { x: workArea.x + MARGIN / 2, y: Math.round(clamp(centreY, minY, maxY)) };
      case 'right':
        return { x: workArea.x + workArea.width - window.width - MARGIN / 2, y: Math.round(clamp(centreY, minY, maxY)) };
    }
  }
  // Unknown tray position: the corner where tray icons usually live on that side.
  switch (side) {
    case 'bottom':
      return { x: maxX, y: maxY };
    case 'left':
      return { x: minX, y: maxY };
    case 'right':
      return { x: maxX, y: maxY };
    case 'top':
      return { x: maxX, y: minY };
  }
}
