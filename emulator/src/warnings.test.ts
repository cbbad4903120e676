import { describe, expect, it } from 'vitest';
import { createWarn } from './warnings.js';

describe('createWarn', () => {
  it('writes the first warning of a kind at once, then at most one per interval with the count held back', () => {
    // GIVEN a 60 s interval on a test clock
    const lines: string[] = [];
    let t = 0;
    const warn = createWarn(
      (m) => lines.push(m),
      60_000,
      () => t,
    );
    // WHEN one kind fires four times in a minute, another once, then the first again after the minute
    warn('a', 'A happened');
    t = 1000;
    warn('a', 'A happened');
    warn('a', 'A happened');
    warn('b', 'B happened');
    t = 61_000;
    warn('a', 'A happened again');
    t = 200_000;
    warn('a', 'A once more');
    // THEN
    expect(lines).toEqual([
      'A happened',
      'B happened',
      'A happened again (2 more like this since the last warning)',
      'A once more',
    ]);
  });

  it('writes nothing without a logger', () => {
    expect(() => createWarn(undefined)('a', 'x')).not.toThrow();
  });
});
