import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulatorServer } from '../server.js';
import { manifest } from '../vendors/marketing-cloud/testing/fixtures.js';
import { removeStaleTempFiles, stateTempFile, writeFileAtomic } from './state-file.js';

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('state file temp files', () => {
  it('removes the temp files of killed runs on start, keeps a live process’s and anything else', async () => {
    // GIVEN a state directory with the temp files of a dead emulator, of this process (a reused pid),
    // of a live process, and files that only look alike
    const dir = await mkdtemp(join(tmpdir(), 'gf-tmp-'));
    const path = join(dir, 'state.json');
    const dead = await deadPid();
    const files = {
      dead: stateTempFile(path, dead, 0),
      deadLater: stateTempFile(path, dead, 17),
      self: stateTempFile(path, process.pid, 3),
      live: stateTempFile(path, process.ppid, 0),
      plain: `${path}.tmp`,
      other: join(dir, `other.json.${dead}.0.tmp`),
    };
    for (const f of Object.values(files)) await writeFile(f, '{"private":"key"}', { mode: 0o600 });
    // WHEN the leftovers are removed
    const removed = await removeStaleTempFiles(path);
    // THEN only the dead process's and this process's are gone
    expect(removed.sort()).toEqual(
      [`state.json.${dead}.0.tmp`, `state.json.${dead}.17.tmp`, `state.json.${process.pid}.3.tmp`].sort(),
    );
    expect((await readdir(dir)).sort()).toEqual(
      [`other.json.${dead}.0.tmp`, 'state.json.tmp', `state.json.${process.ppid}.0.tmp`].sort(),
    );
    // AND a missing directory is nothing to clean
    expect(await removeStaleTempFiles(join(dir, 'nope', 'state.json'))).toEqual([]);
  });

  it('a server started on a state file cleans up first, says so, and its own writes leave no temp file', async () => {
    // GIVEN a temp file a killed emulator left
    const dir = await mkdtemp(join(tmpdir(), 'gf-tmp-'));
    const path = join(dir, 'state.json');
    const dead = await deadPid();
    await writeFile(stateTempFile(path, dead, 4), '{}', { mode: 0o600 });
    const warnings: string[] = [];
    // WHEN a server starts on the file, is seeded, issues a token and stops
    const server = await startEmulatorServer({
      port: 0,
      statePath: path,
      seed: { ...manifest() },
      logger: { warn: (m) => warnings.push(m) },
    });
    const s2s = server.credentials.find((c) => c.type === 'server-to-server')!;
    const token = await fetch(`${s2s.authBaseUrl}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s2s.clientId,
        client_secret: s2s.clientSecret,
      }),
    });
    expect(token.status).toBe(200);
    await server.close();
    // THEN the leftover is gone, the warning names it, and only the state file remains
    expect(warnings).toEqual([
      `removed 1 temp file(s) an earlier run left beside the state file when it was stopped mid-write: state.json.${dead}.4.tmp`,
    ]);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('a failed write removes its temp file', async () => {
    // GIVEN a target that cannot be replaced (a directory)
    const dir = await mkdtemp(join(tmpdir(), 'gf-tmp-'));
    const target = join(dir, 'state.json');
    await mkdir(target);
    // WHEN a write is attempted
    await expect(writeFileAtomic(target, '{}', stateTempFile(target, process.pid, 0))).rejects.toThrow(/EISDIR/);
    // THEN no temp file is left
    expect(await readdir(dir)).toEqual(['state.json']);
  });
});
