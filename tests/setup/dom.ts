import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// happy-dom lacks CSS.escape; the list uses it to find rows by id.
if (typeof CSS === 'undefined' || !('escape' in CSS)) {
  (globalThis as { CSS?: unknown }).CSS = { escape: (value: string) => value.replace(/["\\]/g, '\\$&') };
}
