/**
 * Any request to a host that is not this machine fails loudly, so a test that forgot its
 * mock (or code that calls home) cannot pass by accident or reach the internet.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!LOOPBACK.has(url.hostname)) throw new Error(`A test tried to reach ${url.origin}: use the mock API on 127.0.0.1.`);
  return realFetch(input, init);
};
