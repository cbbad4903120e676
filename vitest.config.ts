import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'emulator/src/**/*.test.ts',
      'examples/*/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // test/pack/ runs on its own (`pnpm run test:pack`): it builds, packs and installs.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.case.ts', 'test/pack/**'],
    // Every test file runs with the network closed except loopback (nock 14 catches fetch and
    // node:http); a test that tries to reach a real host fails loudly.
    setupFiles: ['./packages/testing/src/vitest.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
