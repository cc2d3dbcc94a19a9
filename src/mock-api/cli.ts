import { parseArgs } from 'node:util';
import { makeBuckets } from './buckets';
import { DEMO_USER, MFA_USER, MockFlashbackApi } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    scenario: { type: 'string', default: 'demo' },
    every: { type: 'string', default: '5000' },
    'token-ttl': { type: 'string', default: '3600' },
    buckets: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run mock-api -- [--port 4010] [--scenario demo|static] [--every 5000] [--token-ttl 3600] [--buckets N]

A Flashback API on 127.0.0.1 for development. Script it over HTTP, for example:
  curl -X POST localhost:4010/__mock/fault -d '{"fault":{"type":"status","status":503},"times":3}'
  curl -X POST localhost:4010/__mock/status -d '{"id":"<bucket id>","status":"OFFLINE"}'
  curl localhost:4010/__mock/stats`);
  process.exit(0);
}

const api = new MockFlashbackApi({
  port: Number(values.port),
  tokenTtlSeconds: Number(values['token-ttl']),
  ...(values.buckets ? { buckets: makeBuckets(Number(values.buckets)) } : {}),
});
const url = await api.start();
if (values.scenario === 'demo') api.startScenario(Number(values.every));
console.log(`Mock Flashback API: ${url}`);
console.log(`Sign in as ${DEMO_USER.email} / ${DEMO_USER.password} (MFA: ${MFA_USER.email} / ${MFA_USER.password}, code ${MFA_USER.mfaCode})`);
const stop = () => void api.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
