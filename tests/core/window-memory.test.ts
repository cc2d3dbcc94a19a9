import { describe, expect, it } from 'vitest';
import { parseWindowMemory, placeDetached, rememberBounds } from '../../src/main/core/desktop/window-memory';

const laptop = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

describe('the detached window remembers where it was, per display', () => {
  it('restores the bounds of the display the pointer is on, when it exists', () => {
    let memory = rememberBounds({}, 1, { x: 100, y: 100, width: 420, height: 600 });
    memory = rememberBounds(memory, 2, { x: 2000, y: 300, width: 500, height: 700.4 });
    expect(placeDetached(memory, [laptop, monitor], 2)).toEqual({ x: 2000, y: 300, width: 500, height: 700 });
    expect(placeDetached(memory, [laptop, monitor], 1)).toEqual({ x: 100, y: 100, width: 420, height: 600 });
  });

  it('falls back to another remembered display that still exists, and to nothing (centred) when none does', () => {
    const memory = rememberBounds({}, 2, { x: 2000, y: 300, width: 500, height: 700 });
    expect(placeDetached(memory, [laptop, monitor], 1)).toEqual({ x: 2000, y: 300, width: 500, height: 700 });
    expect(placeDetached(memory, [laptop], 1)).toBeUndefined(); // the monitor was unplugged
  });

  it('keeps the window inside the work area (a resolution that shrank)', () => {
    const memory = rememberBounds({}, 1, { x: 1300, y: 800, width: 2000, height: 300 });
    expect(placeDetached(memory, [laptop], 1)).toEqual({ x: 0, y: 540, width: 1440, height: 360 });
  });

  it('reads only well-formed entries from the file', () => {
    expect(parseWindowMemory({ 1: { x: 1, y: 2, width: 3, height: 4 }, two: { x: 1, y: 2, width: 3, height: 4 }, 3: { x: 'a' }, 4: { x: 0, y: 0, width: -5, height: 10 } })).toEqual({ 1: { x: 1, y: 2, width: 3, height: 4 } });
    expect(parseWindowMemory(null)).toEqual({});
  });
});
