import { afterAll } from 'vitest';
import { stopStarted } from '../helpers/components.ts';

// After each test file's own hooks: whatever it started and did not stop (a test failed midway) is stopped.
afterAll(() => stopStarted(), 30_000);
