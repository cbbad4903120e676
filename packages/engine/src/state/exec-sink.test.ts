import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors.js';
import { createExecSink, withExecSinks } from './exec-sink.js';
import { createMemorySecretsSink } from './secrets-sink.js';

describe('the exec secret sink', () => {
  it('gives the command NAME and the value on stdin, nothing in its arguments or environment', async () => {
    // GIVEN a command that records its stdin, arguments and whether the value is in its environment
    const dir = await mkdtemp(join(tmpdir(), 'gf-exec-sink-'));
    const sink = createExecSink(`cat > got.txt; echo "$#" > argc.txt; env | grep -c 's3cr3t' > envhits.txt || true`, {
      cwd: dir,
    });
    // WHEN a secret is delivered
    await sink.deliver('CRM_CLIENT_SECRET', "s3cr3t value with 'quotes'\nand a second line");
    // THEN stdin held the name, a newline and the value exactly (no trailing newline)
    expect(await readFile(join(dir, 'got.txt'), 'utf8')).toBe(
      "CRM_CLIENT_SECRET\ns3cr3t value with 'quotes'\nand a second line",
    );
    expect((await readFile(join(dir, 'argc.txt'), 'utf8')).trim()).toBe('0');
    expect((await readFile(join(dir, 'envhits.txt'), 'utf8')).trim()).toBe('0');
  });

  it('a non-zero exit is ERR_SECRET_SINK_FAILED with what the command said', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gf-exec-sink-'));
    const sink = createExecSink('cat >/dev/null; echo "no such vault path" >&2; exit 2', { cwd: dir });
    const err = await sink.deliver('X', 'v').catch((e: unknown) => e);
    expect(isEngineError(err, 'ERR_SECRET_SINK_FAILED')).toBe(true);
    expect((err as Error).message).toBe(
      'secret sink `cat >/dev/null; echo "no such vault path" >&2; exit 2` exited 2 delivering X: no such vault path',
    );
  });

  it('a command that ignores its stdin still counts by its exit status', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gf-exec-sink-'));
    await expect(createExecSink('true', { cwd: dir }).deliver('X', 'v'.repeat(200_000))).resolves.toBeUndefined();
  });

  it("withExecSinks writes the file first, then each command in order; reads stay the file's", async () => {
    // GIVEN a file sink and two commands that append to one log
    const dir = await mkdtemp(join(tmpdir(), 'gf-exec-sink-'));
    await writeFile(join(dir, 'log'), '');
    const file = createMemorySecretsSink();
    const sink = withExecSinks(file, [
      createExecSink('read -r n; echo "first $n" >> log', { cwd: dir }),
      createExecSink('read -r n; echo "second $n" >> log', { cwd: dir }),
    ]);
    // WHEN a value is put
    await sink.put('A', 'va');
    // THEN the file has it, the commands ran in order, and reads come from the file
    expect(file.entries.get('A')).toBe('va');
    expect(await readFile(join(dir, 'log'), 'utf8')).toBe('first A\nsecond A\n');
    expect(await sink.get('A')).toBe('va');
    expect(sink.location).toBe(
      'memory, exec `read -r n; echo "first $n" >> log`, exec `read -r n; echo "second $n" >> log`',
    );
  });
});
