/**
 * Resolves in a task of its own, soon: the page can draw a frame and answer input in
 * between. A message to oneself, which browsers do not clamp as they clamp nested
 * `setTimeout(0)` (to 4 ms each).
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
