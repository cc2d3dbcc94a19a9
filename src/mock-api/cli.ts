import { makeBuckets } from './buckets';
import { CliError, exitWith, parseCli, parsePort, parsePositiveInt } from './cli-args';
import { DEMO_ACCOUNTS_TEXT } from './demo-accounts';
import { MockFlashbackApi } from './server';

const HELP = `npm run mock -- [options]

A Flashback API on 127.0.0.1 for development, answering the real API's shapes.

Options:
  --port N          port to listen on (default 4010; 0 picks a free one)
  --scenario NAME   demo: one bucket changes status every --every ms (default)
                    static: nothing changes by itself
  --every MS        how often the demo scenario changes something (default 5000)
  --token-ttl S     access token lifetime in seconds (default 3600, as the real API)
  --buckets N       serve N generated buckets instead of the demo list
  --help            show this help

${DEMO_ACCOUNTS_TEXT}

Script it over HTTP (POST bodies are JSON; malformed JSON answers 400):
  GET  /__mock/stats                      request counters, concurrency, last bodies
  GET  /__mock/buckets                    the current list
  POST /__mock/buckets  {"buckets":[…]}   replace the list
  POST /__mock/status   {"id":"…","status":"OFFLINE"}
  POST /__mock/add      {"bucket":{"id":"…",…}}
  POST /__mock/remove   {"id":"…"}
  POST /__mock/fault    {"fault":{"type":"status","status":503},"times":3}
        fault types: latency {ms}, timeout, hang-body, trickle, reset, status {status,
        retryAfter?, body?, contentType?}, html, truncated, object, huge {bytes?}
  POST /__mock/clear-faults · /__mock/reset-stats · /__mock/expire-tokens
  POST /__mock/revoke-refresh             every refresh answers 401
  POST /__mock/refresh-fails              every refresh answers 200 {success:false}
  POST /__mock/workspaces {"workspaces":[{"id":"…","name":"…"}]} · {"failing":true}
  POST /__mock/scenario {"running":false} or {"everyMs":2000}
  GET  /__mock/magic-link                 the token of the last magic link "mailed"
  GET  /__mock/reset-requests             emails that asked for a password reset`;

async function main(): Promise<void> {
  const values = parseCli({
    port: { type: 'string', default: '4010' },
    scenario: { type: 'string', default: 'demo' },
    every: { type: 'string', default: '5000' },
    'token-ttl': { type: 'string', default: '3600' },
    buckets: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parsePort(values.port);
  if (values.scenario !== 'demo' && values.scenario !== 'static') throw new CliError(`--scenario must be demo or static, not “${values.scenario}”.`);
  const every = parsePositiveInt(values.every, '--every');
  const tokenTtlSeconds = parsePositiveInt(values['token-ttl'], '--token-ttl');
  const count = values.buckets === undefined ? undefined : parsePositiveInt(values.buckets, '--buckets');

  const api = new MockFlashbackApi({ port, tokenTtlSeconds, ...(count ? { buckets: makeBuckets(count) } : {}) });
  const url = await api.start();
  if (values.scenario === 'demo') api.startScenario(every);
  console.log(`Mock Flashback API: ${url}`);
  console.log(DEMO_ACCOUNTS_TEXT);
  const stop = () => void api.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => exitWith(error));
