// `npm start` and `npm run demo`: builds were done by npm; this finds Electron's binary and
// runs the app with it. Electron's package fetches its binary lazily, on first run; where that
// cannot happen (no internet), this says so in one line and points to `npm run preview`
// instead of ending in a network stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const demo = args.includes('--demo');

const HELP = `${demo ? 'npm run demo' : 'npm start'} [-- --hidden]

${
  demo
    ? 'Runs the tray app against the built-in mock Flashback API, signed in as the demo user\n(demo@flashback.test), with statuses changing every few seconds. Settings and logs go to a\nthrowaway folder; the sign-in stays in memory.'
    : 'Runs the tray app against the Flashback API (sign in from the popover).'
}

  --hidden   start in the tray without opening the popover
  --help     show this help

Needs Electron's binary, which npm fetches on the first run. Without internet, use
\`npm run preview\`: the same app in your browser.`;

if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const unknown = args.find((arg) => !['--demo', '--hidden'].includes(arg));
if (unknown) fail(`Unknown option ${unknown}. See --help.`, 2);

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

/** The binary's path, fetching it once if missing; undefined when it cannot be had. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const resolve = () => {
    if (!existsSync(pathFile)) return undefined;
    const relative = readFileSync(pathFile, 'utf8').trim();
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    const binary = join(electronDir, 'dist', relative);
    return existsSync(binary) ? binary : undefined;
  };
  if (!existsSync(electronDir)) return undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH && !existsSync(pathFile)) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const found = resolve();
  if (found) return found;
  console.log("Fetching Electron's binary (first run)…");
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return install.status === 0 ? resolve() : undefined;
}

const binary = electronBinary();
if (!binary) {
  fail(
    "Flashback Tray cannot start here: Electron's binary is not installed and could not be downloaded (no internet?). Run `npm run preview` to use the app in your browser.",
  );
}
const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
child.on('error', (error) => fail(`Flashback Tray could not start Electron (${error.code ?? error.message}). Run \`npm run preview\` to use the app in your browser.`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
