/**
 * The demo's built-in mock Flashback API, bundled as its own file (dist/main/demo-api.cjs)
 * so the app's main bundle does not carry it: main.ts loads it only for `--demo`.
 */
export { DEMO_USER, MockFlashbackApi } from './mock-api/server';
