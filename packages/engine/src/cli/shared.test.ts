import { describe, expect, it } from 'vitest';
import { memoryIo } from './io.js';
import { coloursFor, confirm } from './shared.js';

describe('CLI colour and approval', () => {
  it('colours only on a TTY, never with NO_COLOR or --json', () => {
    expect(coloursFor(memoryIo({ isTTY: true }), false).green('x')).toBe('\u001b[32mx\u001b[39m');
    expect(coloursFor(memoryIo({ isTTY: true, env: { NO_COLOR: '1' } }), false).green('x')).toBe('x');
    expect(coloursFor(memoryIo({ isTTY: false }), false).green('x')).toBe('x');
    expect(coloursFor(memoryIo({ isTTY: true }), true).green('x')).toBe('x');
  });

  it('asks on a TTY and accepts only "yes"', async () => {
    await expect(confirm(memoryIo({ isTTY: true, answers: ['yes'] }), false, 'Go?')).resolves.toBeUndefined();
    await expect(confirm(memoryIo({ isTTY: true, answers: ['y'] }), false, 'Go?')).rejects.toMatchObject({
      code: 'ERR_APPLY_CANCELLED',
    });
    await expect(confirm(memoryIo({ isTTY: false }), false, 'Go?')).rejects.toMatchObject({
      code: 'ERR_APPROVAL_REQUIRED',
    });
    await expect(confirm(memoryIo({ isTTY: false }), true, 'Go?')).resolves.toBeUndefined();
  });
});
