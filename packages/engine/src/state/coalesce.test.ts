import { describe, expect, it } from 'vitest';
import { coalescing } from './coalesce.js';

describe('coalescing', () => {
  it('shares flushes between callers, and each resolves only after a flush that started after its call', async () => {
    // GIVEN a flush that records what it saw, slowly
    const changes: number[] = [];
    const flushed: number[][] = [];
    const commit = coalescing(async () => {
      const seen = [...changes];
      await new Promise((r) => setTimeout(r, 5));
      flushed.push(seen);
    });
    // WHEN five callers each change something and commit at once
    const done: boolean[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        changes.push(n);
        await commit();
        // THEN each change is in a finished flush when its commit resolves
        done.push(flushed.some((f) => f.includes(n)));
      }),
    );
    expect(done).toEqual([true, true, true, true, true]);
    // AND the first started a flush at once; the four that came while it ran shared the next one
    expect(flushed).toEqual([[1], [1, 2, 3, 4, 5]]);
  });

  it('a call made while a flush runs waits for the next one', async () => {
    const flushed: string[] = [];
    let value = 'a';
    const commit = coalescing(async () => {
      const seen = value;
      await new Promise((r) => setTimeout(r, 5));
      flushed.push(seen);
    });
    const first = commit();
    value = 'b';
    const second = commit();
    await Promise.all([first, second]);
    expect(flushed).toEqual(['a', 'b']);
  });
});
