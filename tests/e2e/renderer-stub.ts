import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AppState } from '../../src/shared/contract';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
export const RENDERER_ORIGIN = 'http://localhost:5999';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Serves the built renderer (the real index.html with its CSP, app.js, app.css) at a
 * localhost origin (a secure context, so the clipboard works) and installs a bridge stub
 * as `window.flashback`, the way the preload would: state as JSON text (shared/wire.ts),
 * which the app decodes itself. Commands are recorded in
 * `window.__calls`; `window.__emit(event, payload)` pushes events.
 */
export async function openRenderer(page: Page, state: AppState): Promise<void> {
  await page.route(`${RENDERER_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/+/, '') || 'index.html';
    try {
      const body = await readFile(join(DIST, path));
      await route.fulfill({ status: 200, body, headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' } });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.addInitScript((initial: AppState) => {
    type Listener = (payload: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    let state = initial;
    let version = 1;
    let sentText: string | undefined;
    const calls: Array<{ command: string; args: unknown[] }> = [];
    Object.assign(window, {
      __calls: calls,
      __emit(event: string, payload: unknown) {
        for (const listener of listeners.get(event) ?? []) listener(payload);
      },
      /** The main process's state changed: sent as a snapshot, the way a feed sends one. */
      __setState(next: AppState) {
        state = next;
        version++;
        sentText = undefined;
        const text = JSON.stringify({ version, state });
        for (const listener of listeners.get('snapshot') ?? []) listener(text);
      },
      /** A snapshot already in wire form (the bench keeps the encoding outside what it measures). */
      __sendSnapshotText(text: string) {
        sentText = text;
        for (const listener of listeners.get('snapshot') ?? []) listener(text);
      },
      /** A patch already in wire form (main's encoding stays outside what the bench measures). */
      __sendPatchText(text: string, next: number) {
        version = next;
        for (const listener of listeners.get('patch') ?? []) listener(text);
      },
      __patch(patch: { version: number }) {
        version = patch.version;
        const text = JSON.stringify(patch);
        for (const listener of listeners.get('patch') ?? []) listener(text);
      },
      flashback: Object.freeze({
        async invoke(command: string, ...args: unknown[]) {
          calls.push({ command, args });
          if (command === 'getState') return { ok: true, value: sentText ?? JSON.stringify({ version, state }) };
          if (command === 'copyText') await navigator.clipboard.writeText(String(args[0]));
          return { ok: true, value: undefined };
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return () => listeners.get(event)?.delete(listener);
        },
      }),
    });
  }, state);
  await page.goto(`${RENDERER_ORIGIN}/index.html`);
}

export async function calls(page: Page): Promise<Array<{ command: string; args: unknown[] }>> {
  return page.evaluate(() => (window as unknown as { __calls: Array<{ command: string; args: unknown[] }> }).__calls);
}
