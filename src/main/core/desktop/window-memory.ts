import { readFileSync } from 'node:fs';
import { removeStrayTemporaries, writeFileAtomically } from '../platform/atomic-file';

/** Where the detached window was, per display: restored only on a display that still exists. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DisplayArea {
  id: number;
  workArea: Rect;
}

/** Display id → the window's last bounds on it. */
export type WindowMemory = Record<string, Rect>;

export const DETACHED_SIZE = { width: 420, height: 600 };
export const DETACHED_MIN = { width: 340, height: 360 };

function isRect(value: unknown): value is Rect {
  if (!value || typeof value !== 'object') return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n)) && (width as number) > 0 && (height as number) > 0;
}

/** Reads a saved memory, keeping only well-formed entries (it comes from a file). */
export function parseWindowMemory(json: unknown): WindowMemory {
  const memory: WindowMemory = {};
  if (!json || typeof json !== 'object') return memory;
  for (const [id, rect] of Object.entries(json as Record<string, unknown>)) if (/^\d+$/.test(id) && isRect(rect)) memory[id] = rect;
  return memory;
}

export function rememberBounds(memory: WindowMemory, displayId: number, bounds: Rect): WindowMemory {
  return { ...memory, [String(displayId)]: { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) } };
}

/**
 * Where to open the detached window: its remembered bounds on `preferred` (the display the
 * pointer is on) or else on any remembered display that still exists, kept inside that
 * display's work area; undefined when none of them exists any more (the caller centres it).
 */
export function placeDetached(memory: WindowMemory, displays: readonly DisplayArea[], preferred: number): Rect | undefined {
  const existing = displays.filter((display) => memory[String(display.id)]);
  const display = existing.find((candidate) => candidate.id === preferred) ?? existing[0];
  if (!display) return undefined;
  const saved = memory[String(display.id)]!;
  const area = display.workArea;
  const width = Math.max(DETACHED_MIN.width, Math.min(saved.width, area.width));
  const height = Math.max(DETACHED_MIN.height, Math.min(saved.height, area.height));
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/** The memory as a small JSON file in the data folder (read when the window opens, written atomically). */
export function windowMemoryFile(path: string, onError: (error: unknown) => void): { load(): WindowMemory; save(memory: WindowMemory): void } {
  return {
    load: () => {
      void removeStrayTemporaries(path);
      try {
        return parseWindowMemory(JSON.parse(readFileSync(path, 'utf8')));
      } catch {
        return {};
      }
    },
    save: (memory) => void writeFileAtomically(path, JSON.stringify(memory)).catch(onError),
  };
}
