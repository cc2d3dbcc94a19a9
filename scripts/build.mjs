// Bundles everything into dist/: main and preload as CommonJS for Electron (a sandboxed
// preload cannot load ESM), the renderer as one minified ES module plus CSS, and the
// preview server and page for plain Node and the browser.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');
await rm('dist', { recursive: true, force: true });

const node = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', legalComments: 'none', charset: 'utf8' };

await Promise.all([
  // The app's main process: minified; the demo's mock API is a separate file it loads only for --demo.
  build({ ...node, entryPoints: ['src/main/electron/main.ts'], outfile: 'dist/main/main.cjs', format: 'cjs', external: ['electron', '@napi-rs/keyring', 'electron-updater'], minify: production }),
  build({ ...node, entryPoints: ['src/demo-api.ts'], outfile: 'dist/main/demo-api.cjs', format: 'cjs', minify: production, sourcemap: false }),
  build({ ...node, entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'], sourcemap: false }),
  build({
    ...node,
    entryPoints: ['src/preview/cli.ts'],
    outfile: 'dist/preview/cli.mjs',
    format: 'esm',
    external: ['@napi-rs/keyring'],
  }),
  build({
    entryPoints: { app: 'src/renderer/main.tsx' },
    outdir: 'dist/renderer',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome130'],
    minify: production,
    sourcemap: production ? false : 'inline',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  }),
  build({
    entryPoints: { preview: 'src/preview/page/preview.tsx' },
    outdir: 'dist/preview-page',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome130'],
    minify: production,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  }),
]);
await mkdir('dist/renderer', { recursive: true });
await cp('src/renderer/index.html', 'dist/renderer/index.html');
await cp('assets', 'dist/assets', { recursive: true });
if (watch) console.log('watch mode is not supported; run npm run build again');
