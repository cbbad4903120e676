import { describe, expect, it } from 'vitest';
import { createEmulator } from './index.js';

describe('route table', () => {
  it('stays within what Hono’s RegExpRouter supports, so every request takes the fast router', async () => {
    // GIVEN the full emulator app (every route registered)
    const app = createEmulator();
    // WHEN the first request makes SmartRouter pick a router
    await app.request('/_emulator/health');
    // THEN it picked RegExpRouter (a route shape it cannot compile would silently fall back to TrieRouter)
    expect(app.router.name).toBe('SmartRouter + RegExpRouter');
  });
});
