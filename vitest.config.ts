import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    setupFiles: ['tests/setup/no-real-network.ts'],
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['tests/{core,electron,keychain,mock-api,preview,tooling}/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'dom', environment: 'happy-dom', include: ['tests/renderer/**/*.test.{ts,tsx}'], setupFiles: ['tests/setup/dom.ts'] },
      },
    ],
  },
});
