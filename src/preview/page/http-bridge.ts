import type { CommandName, CommandResult, Commands, EventName, Events, FlashbackBridge } from '../../shared/contract';

/**
 * The preview's bridge: the same contract as the preload's, over HTTP (commands) and
 * server-sent events (state and events). Copying goes to the browser's clipboard.
 *
 * The event stream opens with the whole state (the server makes this page's feed when it
 * connects, and its first message is a snapshot), so the page's first `getState` is answered
 * by that snapshot rather than asked again over HTTP: a 100,000-bucket state crosses once on
 * load, not twice. Later `getState`s (a missed patch) ask the server.
 */
interface PreviewBridge extends FlashbackBridge {
  /** The popover opened or closed (or the tab was hidden): the server's feed for this page follows. */
  setVisible(visible: boolean): void;
}

export function createHttpBridge(secret: string, extraEvents: Record<string, (payload: unknown) => void> = {}): PreviewBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const source = new EventSource(`/events?secret=${encodeURIComponent(secret)}`);
  /** Each message parsed once, whoever reads it first (the opening snapshot has two readers). */
  const parsed = new WeakMap<Event, unknown>();
  const payloadOf = (event: Event): unknown => {
    if (!parsed.has(event)) parsed.set(event, JSON.parse((event as MessageEvent<string>).data));
    return parsed.get(event);
  };
  /** The stream's opening snapshot; undefined when the stream failed before sending one. */
  let streamed: Promise<unknown> | undefined = new Promise((resolve) => {
    const opened = (event: Event) => {
      source.removeEventListener('snapshot', opened);
      source.removeEventListener('error', failed);
      resolve(payloadOf(event));
    };
    const failed = () => {
      source.removeEventListener('snapshot', opened);
      source.removeEventListener('error', failed);
      resolve(undefined);
    };
    source.addEventListener('snapshot', opened);
    source.addEventListener('error', failed);
  });
  /** Which event stream (and so which feed) is this page's: told by the server on connecting. */
  let stream: number | undefined;
  let wanted = true;
  const report = () => {
    if (stream !== undefined) void postJson('/view/visibility', secret, { stream, visible: wanted }).catch(() => undefined);
  };
  source.addEventListener('connection', (event) => {
    stream = Number((event as MessageEvent<string>).data);
    // A new stream starts visible: tell it if it is not.
    if (!wanted) report();
  });
  const subscribe = (name: string) => {
    if (listeners.has(name)) return;
    listeners.set(name, new Set());
    source.addEventListener(name, (event) => {
      const payload = payloadOf(event);
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });
  };
  for (const [name, handler] of Object.entries(extraEvents)) {
    subscribe(name);
    listeners.get(name)!.add(handler);
  }

  return {
    setVisible(visible: boolean) {
      if (visible === wanted) return;
      wanted = visible;
      report();
    },
    async invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<Commands[K]['result']>> {
      if (command === 'copyText') {
        try {
          await navigator.clipboard.writeText(String(args[0]));
          return { ok: true, value: undefined as Commands[K]['result'] };
        } catch {
          return { ok: false, error: { code: 'CLIPBOARD', message: 'The browser did not allow copying.' } };
        }
      }
      if (command === 'getState' && streamed) {
        const first = await streamed;
        streamed = undefined;
        if (first !== undefined) return { ok: true, value: first as Commands[K]['result'] };
      }
      try {
        const response = await fetch(`/command/${command}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-preview-secret': secret },
          body: JSON.stringify({ args }),
        });
        return (await response.json()) as CommandResult<Commands[K]['result']>;
      } catch {
        return { ok: false, error: { code: 'PREVIEW_DOWN', message: 'The preview server is not running.' } };
      }
    },
    on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void {
      subscribe(event);
      const wrapped = listener as (payload: unknown) => void;
      listeners.get(event)!.add(wrapped);
      return () => listeners.get(event)?.delete(wrapped);
    },
  };
}

export async function postJson(path: string, secret: string, body: unknown): Promise<void> {
  await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-secret': secret }, body: JSON.stringify(body) });
}
