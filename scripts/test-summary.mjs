// Prints one closing line for the whole `npm test` run: vitest and Playwright together.
import { readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const vitest = read('test-results/vitest.json');
const playwright = read('test-results/playwright.json').stats;
const passed = vitest.numPassedTests + playwright.expected + playwright.flaky;
const failed = vitest.numFailedTests + playwright.unexpected;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.skipped;
console.log(`\nvitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`);
console.log(`playwright: ${playwright.expected + playwright.flaky} passed, ${playwright.unexpected} failed, ${playwright.skipped} skipped`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
