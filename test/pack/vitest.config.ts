import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The pack-and-install test (`pnpm run test:pack`, part of `test:all`): run on its own, after the
 * rest of the suite, because it builds, packs and installs (minutes, both CPU cores).
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/pack/**/*.test.ts'],
    setupFiles: ['./packages/testing/src/vitest.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
  },
});
