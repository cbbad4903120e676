/**
 * @module
 * `@grantform/testing/vitest`: a vitest setup module. Load it from `setupFiles` (or import it at the
 * top of a test file) and every test in the file runs with the network closed (loopback only), and
 * nock cleaned after each test (interceptors removed, pending requests aborted).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['@grantform/testing/vitest'] } });
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { guardNetwork, releaseNetwork } from './net-guard.js';

beforeAll(() => {
  guardNetwork();
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  guardNetwork();
});

afterAll(() => {
  releaseNetwork();
});
