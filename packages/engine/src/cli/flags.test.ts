import { describe, expect, it } from 'vitest';
import { memoryIo } from './io.js';
import { main } from './main.js';

describe('numeric flags', () => {
  it.each([['0'], ['-1'], ['abc'], ['1.5'], ['99999'], [''], ['1e2'], ['0x10']])(
    'apply and destroy refuse --parallelism %j before doing anything',
    async (value) => {
      for (const command of ['apply', 'destroy']) {
        // GIVEN no config, no state and no target (nothing may be read before the flag is checked)
        const io = memoryIo({ cwd: '/nonexistent-grantform-dir' });
        // WHEN run with the bad value
        const code = await main(['node', 'grantform', command, '--auto-approve', '--parallelism', value], io);
        // THEN
        expect(code).toBe(1);
        expect(io.err()).toBe(`error[ERR_USAGE]: --parallelism must be a whole number from 1 to 256 (got ${value})\n`);
      }
    },
  );

  it('verify refuses --wait and --interval outside their range, and import a --mid that is not one', async () => {
    const run = async (args: string[]) => {
      const io = memoryIo({ cwd: '/nonexistent-grantform-dir', env: { S: 'x' } });
      const code = await main(['node', 'grantform', ...args], io);
      return { code, err: io.err() };
    };
    const manifest = '/nonexistent-grantform-dir/m.json';
    expect(await run(['verify', '--config', manifest, '--interval', '0'])).toEqual({
      code: 1,
      err: 'error[ERR_USAGE]: --interval must be a duration from 100ms to 1h, e.g. 30s or 5m (got 0)\n',
    });
    expect((await run(['verify', '--config', manifest, '--wait', 'soon'])).err).toBe(
      'error[ERR_USAGE]: --wait must be a duration from 0s to 24h, e.g. 30s or 5m (got soon)\n',
    );
    expect(
      (
        await run([
          'import',
          'acme/p/api',
          '--client-id',
          'c',
          '--client-secret-env',
          'S',
          '--subdomain',
          'mc563885gzs27c5t9-63k636ttgm',
          '--target',
          'sfmc',
          '--mid',
          '-5',
        ])
      ).err,
    ).toBe('error[ERR_USAGE]: --mid must be a whole number from 1 to 2147483647 (got -5)\n');
  });
});
