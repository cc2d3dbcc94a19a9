/**
 * A ref that moves the keyboard focus to its element once, when it appears (a new view, a
 * code field, a confirmation): focus never stays on the page body after a view changes.
 * One function for every use, so Preact calls it on mount only, not on every render.
 */
export function focusOnMount(element: HTMLElement | null): void {
  if (element) requestAnimationFrame(() => element.isConnected && element.focus({ preventScroll: false }));
}
