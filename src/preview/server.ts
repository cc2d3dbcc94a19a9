import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { closeServer } from '../mock-api/http';
import type { AppState, CommandName } from '../shared/contract';
import { AppController } from '../main/core/app/controller';
import type { ViewEvent } from '../main/core/app/controller-options';
import { isCommandName } from '../main/core/commands/commands';
import type { Keychain } from '../main/core/platform/keychain';
import type { Logger } from '../main/core/platform/logger';
import type { PreviewNotification, PreviewTray } from '../shared/desktop';
import type { ViewFeed } from '../main/core/view/view-feed';
import type { HistoryFile } from '../main/core/notify/status-history';
import { FakeUpdater } from './fake-updater';
import type { SettingsStore } from '../main/core/settings/settings-store';
import { trayModel } from '../main/core/desktop/tray-model';
import { systemClock, type Clock } from '../main/core/platform/clock';


interface PreviewServerOptions {
  port?: number;
  settingsStore: SettingsStore;
  historyFile?: HistoryFile;
  keychain: Keychain;
  log: Logger;
  /** Folder with the built renderer (app.css) and preview page (preview.js, preview.css). */
  distDir: string;
  assetsDir: string;
  /** A newer version the preview's fake updater "finds" (`--fake-update`); none: always up to date. */
  fakeUpdateVersion?: string;
  /** How many of the fake update's downloads fail first (`--fake-update-fails`). */
  fakeUpdateFails?: number;
  /** The built-in mock's demo accounts, shown on the page so a signed-out user can get back in. */
  demoAccounts?: string;
  /** The core's time (`--clock`); the system's when absent. */
  clock?: Clock;
  /** Called once the controller started (the demo signs in here). */
  afterStart?: (controller: AppController) => Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Node's HTTP server wakes every 30 s to time out half-sent requests; the app itself (Electron,
 * no server) does not, and the preview stands for it when nothing is shown (the idle wake-ups
 * benchmark watches this process). Only this computer's pages reach it: checking every 10
 * minutes is enough.
 */
export const quietServer = (handler: (req: IncomingMessage, res: ServerResponse) => void): Server =>
  createServer({ connectionsCheckingInterval: 10 * 60_000 }, handler);

/**
 * The real core in plain Node, serving the real renderer on 127.0.0.1 and bridging the
 * same contract: commands as HTTP POSTs, state and events as server-sent events. Around
 * the popover the page shows the tray (icon, tooltip, menu) and a notification feed.
 * Only the page it served may drive it: the Origin must be its own and every call
 * carries a per-run secret that only that page knows.
 */
export class PreviewServer {
  readonly secret = randomBytes(24).toString('base64url');
  readonly controller: AppController;
  readonly notifications: PreviewNotification[] = [];
  private readonly clicks = new Map<number, () => void>();
  private readonly streams = new Set<ServerResponse>();
  /** One feed per open page (event stream), by the id the page was told on connecting. */
  private readonly feeds = new Map<number, ViewFeed>();
  private nextStreamId = 1;
  private server: Server | undefined;
  private nextNotificationId = 1;
  private readonly clock: Clock;

  constructor(private readonly options: PreviewServerOptions) {
    this.clock = options.clock ?? systemClock;
    this.controller = new AppController({
      clock: this.clock,
      settingsStore: options.settingsStore,
      historyFile: options.historyFile,
      updater: new FakeUpdater(options.fakeUpdateVersion, (version) => this.broadcast('updateInstalled', version), { failDownloads: options.fakeUpdateFails }),
      keychain: options.keychain,
      log: options.log,
      notifier: {
        show: (request, onClick) => {
          const notification = { ...request, id: this.nextNotificationId++, at: new Date(this.clock.now()).toISOString() };
          this.notifications.unshift(notification);
          this.notifications.length = Math.min(this.notifications.length, 50);
          this.clicks.set(notification.id, onClick);
          this.broadcast('notification', notification);
        },
      },
      // The page writes to the browser's clipboard itself; nothing to do on this side.
      clipboard: { writeText: () => undefined },
      shell: { hidePopover: () => this.broadcast('hidePopover', true), quit: () => this.broadcast('quit', true), detachPopover: () => this.broadcast('detach', true), openExternal: (url) => this.broadcast('openExternal', url) },
    });
    this.controller.subscribe((state) => this.broadcast('tray', this.tray(state)));
    this.controller.onViewEvent((event: ViewEvent) => this.broadcast(event.name, event.payload));
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('preview not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<string> {
    this.server = quietServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log.error('preview request failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    await this.controller.start();
    await this.options.afterStart?.(this.controller);
    return this.url;
  }

  async stop(): Promise<void> {
    for (const feed of this.feeds.values()) feed.dispose();
    // Every write done before the folder may go (cli.ts removes a folder made for the run).
    await this.controller.close();
    for (const stream of this.streams) stream.end();
    if (this.server) await closeServer(this.server);
  }

  tray(state: AppState): PreviewTray {
    const model = trayModel(state, { now: this.clock.now(), platform: 'linux', launchAtLoginSupported: false });
    // `light`/`dark`: the colour of the panel the icon sits on; the page picks by its theme.
    return { ...model, iconUrl: `/assets/tray/tray-${model.icon}-light.png`, iconUrlDark: `/assets/tray/tray-${model.icon}-dark.png` };
  }

  private broadcast(event: string, payload: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of this.streams) stream.write(frame);
  }

  private hasSecret(value: string | null | undefined): boolean {
    if (!value) return false;
    const given = Buffer.from(value);
    const expected = Buffer.from(this.secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The names this server answers to: a DNS-rebinding page sends its own host name and is refused. */
  private ownHosts(): string[] {
    const port = (this.server?.address() as AddressInfo | null)?.port;
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  }

  /** Requests that change something must come from this page: its own Origin and the secret. */
  private isFromOwnPage(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    const fromOwnOrigin = origin !== undefined && this.ownHosts().some((host) => origin === `http://${host}`);
    return fromOwnOrigin && this.hasSecret(req.headers['x-preview-secret'] as string | undefined);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.ownHosts().includes(req.headers.host ?? '')) {
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('This preview only answers to 127.0.0.1 and localhost.');
    }
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'GET' && url.pathname === '/') return this.page(res);
    if (req.method === 'GET' && url.pathname === '/events') {
      if (!this.hasSecret(url.searchParams.get('secret'))) return void res.writeHead(403).end();
      return this.events(res);
    }
    if (req.method === 'GET' && url.pathname.startsWith('/assets/')) return this.asset(url.pathname.slice('/assets/'.length), res);
    if (req.method !== 'POST') return void res.writeHead(404).end();
    if (!this.isFromOwnPage(req)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
    const body = await readJson(req);
    const command = /^\/command\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
    if (command !== undefined) {
      if (!isCommandName(command)) return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'Unknown command.' } });
      const args = body && typeof body === 'object' && 'args' in body ? (body as { args: unknown }).args : undefined;
      return sendJson(res, 200, await this.controller.dispatch(command as CommandName, args));
    }
    const click = /^\/notification\/(\d+)\/click$/.exec(url.pathname)?.[1];
    if (click !== undefined) {
      this.clicks.get(Number(click))?.();
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === '/tray/action') return sendJson(res, 200, await this.trayAction(body));
    if (url.pathname === '/view/visibility') return sendJson(res, 200, { ok: this.setVisibility(body) });
    return void res.writeHead(404).end();
  }

  /** Open, copy and quit are the page's own business; the rest are the app's commands. */
  private async trayAction(body: unknown): Promise<{ ok: boolean }> {
    const action = body && typeof body === 'object' && 'action' in body ? body.action : undefined;
    return { ok: await this.controller.runMenuAction(action) };
  }

  private page(res: ServerResponse): void {
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="preview-secret" content="${this.secret}">
<title>Flashback Tray — preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<link rel="stylesheet" href="/assets/preview.css">
</head>
<body class="preview">
<div id="preview"></div>
<script type="module" src="/assets/preview.js"></script>
</body>
</html>`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(html);
  }

  /** The page's popover opened or closed, or its tab was hidden: its feed follows (see ViewFeed). */
  private setVisibility(body: unknown): boolean {
    const { stream, visible } = (body && typeof body === 'object' ? body : {}) as { stream?: unknown; visible?: unknown };
    const feed = typeof stream === 'number' ? this.feeds.get(stream) : undefined;
    if (!feed || typeof visible !== 'boolean') return false;
    if (visible) feed.show();
    else feed.hide();
    return true;
  }

  private events(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const id = this.nextStreamId++;
    const send = (event: string, payload: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    send('connection', id);
    this.streams.add(res);
    const feed = this.controller.createFeed(send, { visible: true, initialSnapshot: true });
    this.feeds.set(id, feed);
    res.on('close', () => {
      this.streams.delete(res);
      feed.dispose();
      this.feeds.delete(id);
    });
    send('tray', this.tray(this.controller.state));
    if (this.options.demoAccounts) send('demoAccounts', this.options.demoAccounts);
    for (const notification of [...this.notifications].reverse()) res.write(`event: notification\ndata: ${JSON.stringify(notification)}\n\n`);
  }

  private async asset(name: string, res: ServerResponse): Promise<void> {
    const files: Record<string, string> = {
      'app.css': join(this.options.distDir, 'renderer', 'app.css'),
      'preview.js': join(this.options.distDir, 'preview-page', 'preview.js'),
      'preview.css': join(this.options.distDir, 'preview-page', 'preview.css'),
    };
    const tray = /^tray\/(tray-[a-z]+-(light|dark)\.png)$/.exec(name)?.[1];
    const path = files[name] ?? (tray ? join(this.options.assetsDir, 'tray', tray) : undefined);
    if (!path) return void res.writeHead(404).end();
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
