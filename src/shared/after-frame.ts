/** If no frame comes (a window that is not drawn), what waits for one runs after this anyway. */
const AT_LATEST_MS = 250;

/**
 * Runs `run` right after the next frame is drawn (a frame callback, then a task), or after
 * AT_LATEST_MS where no frame comes; once either way. Returns a cancel function.
 */
export function afterNextFrame(run: () => void): () => void {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  const fallback = setTimeout(once, AT_LATEST_MS);
  const frame =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => {
          clearTimeout(fallback);
          task = setTimeout(once, 0);
        })
      : undefined;
  return () => {
    done = true;
    clearTimeout(fallback);
    clearTimeout(task);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}
