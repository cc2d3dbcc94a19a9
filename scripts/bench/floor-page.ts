// The floors of the page rows: the least work that does the job, plainly written. A bare
// Preact page (the same Preact the app ships) with a search box and 48 rows, nothing else.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from '@playwright/test';

const FLOOR_ORIGIN = 'http://localhost:5998';
const preactPath = createRequire(import.meta.url).resolve('preact');

const HTML = `<!doctype html><meta charset="utf-8"><input type="search"><ul class="list"></ul>
<script type="module">
import { h, render } from '/preact.mjs';
const input = document.querySelector('input');
const list = document.querySelector('ul');
let all = [];
const show = (buckets) => render(buckets.slice(0, 48).map((b) => h('li', { key: b.id, 'data-bucket-id': b.id }, h('span', null, b.name), ' ', h('span', null, b.bucket))), list);
// A first list: parse, sort by name, 48 rows.
window.__floorFirst = (text) => {
  const buckets = JSON.parse(text).state.buckets;
  const keyed = buckets.map((b) => ({ b, k: b.name.toLowerCase() }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  show(keyed.map((e) => e.b));
};
// Typing: the list with its search text made once (outside the timing), one Array.filter per key.
window.__floorLoad = (text) => {
  all = JSON.parse(text).state.buckets.map((b) => ({ ...b, hay: (b.id + '\\n' + b.name + '\\n' + b.bucket + '\\n' + b.workspaceId).toLowerCase() }));
  show(all);
};
input.addEventListener('input', () => {
  const q = input.value.toLowerCase();
  show(all.filter((b) => b.hay.includes(q)));
});
</script>`;

/** A fresh floor page, with the same in-page timing helpers as the app's page (see page-timing.ts). */
export async function floorPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 380, height: 520 } });
  const preact = await readFile(preactPath);
  await page.route(`${FLOOR_ORIGIN}/**`, (route) =>
    new URL(route.request().url()).pathname === '/preact.mjs'
      ? route.fulfill({ status: 200, body: preact, headers: { 'content-type': 'text/javascript' } })
      : route.fulfill({ status: 200, body: HTML, headers: { 'content-type': 'text/html' } }),
  );
  await page.goto(`${FLOOR_ORIGIN}/`);
  await page.waitForFunction(() => typeof (window as unknown as { __floorFirst?: unknown }).__floorFirst === 'function');
  return page;
}
