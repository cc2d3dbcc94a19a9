import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Result } from './report';

const gz = async (path: string) => gzipSync(await readFile(path), { level: 9 }).length / 1024;

export async function benchBundles(): Promise<Result[]> {
  const renderer = (await gz('dist/renderer/app.js')) + (await gz('dist/renderer/app.css'));
  const main = await gz('dist/main/main.cjs');
  const preload = await gz('dist/preload/preload.cjs');
  return [
    { metric: 'renderer bundle, JS+CSS, gzipped', value: renderer, unit: 'KB', target: { max: 25 }, how: 'dist/renderer/app.js + app.css from npm run build (minified), gzip -9' },
    { metric: 'main + preload bundles, gzipped', value: main + preload, unit: 'KB', how: `dist/main/main.cjs (${main.toFixed(1)} KB, includes ky, valibot and the demo mock API) + dist/preload/preload.cjs (${preload.toFixed(2)} KB), gzip -9` },
  ];
}
