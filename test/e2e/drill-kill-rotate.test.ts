/**
 * The kill -9 drill of `grantform rotate`: the rotation runs as a real child process against an
 * emulator on a loopback port and is killed with SIGKILL at each of its steps: when the stage,
 * clock and activate admin calls arrive (the target does them; the dead process never hears), when
 * they are dropped (never done), right after each is answered, and while the exec sink delivers.
 * After every kill, the secret in the secrets file still gets a token (no consumer is left without
 * a working secret); one more `rotate` finishes: the secret in the file works, the original one is
 * refused, nothing is pending, no staged copy is left, and `verify` passes.
 * The drill harness is the one of the apply drill (bench/reliability/drill-harness.ts).
 */
import { access, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillEmulator } from '../../bench/reliability/drill-harness.js';
import { spawnCli, startDrillEmulator } from '../../bench/reliability/drill-harness.js';
import { memoryIo } from '../../packages/engine/src/cli/io.js';
import { main } from '../../packages/engine/src/cli/main.js';
import { basicManifest } from '../../packages/engine/src/testing-fixtures.js';

const ADDRESS = 'acme/crm-sync/api';
const ENV = 'CRM_SYNC_CLIENT_SECRET';

type Kill =
  | { readonly mode: 'arrive' | 'drop' | 'after'; readonly at: number }
  | { readonly mode: 'sink'; readonly at: 0 };

async function runInProcess(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd });
  const code = await main(['node', 'grantform', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A client-credentials token request with `secret` against the integration the state names. */
async function tokenStatus(dir: string, secret: string): Promise<number> {
  const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as {
    resources: Record<string, { id: string; attributes: { endpoints: { auth: string } } }>;
  };
  const r = state.resources[ADDRESS];
  const res = await fetch(`${r?.attributes.endpoints.auth}v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: r?.id, client_secret: secret }),
  });
  await res.arrayBuffer();
  return res.status;
}

const secretsOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'state.json.secrets.json'), 'utf8')) as Record<string, string>;

/** One trial: apply, a rotate killed as `kill` says, then a rotate that must finish. */
async function trial(kill: Kill): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'gf-drill-rotate-'));
  const emu: DrillEmulator = await startDrillEmulator();
  try {
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(basicManifest()));
    const sink = join(dir, 'sink.sh');
    // The sink records what it got; with `hold`, it waits (the drill kills the rotate meanwhile).
    await writeFile(
      sink,
      `#!/bin/sh\nread -r name\nvalue=$(cat)\nif [ -e "${join(dir, 'hold')}" ]; then touch "${join(dir, 'holding')}"; sleep 30; fi\nprintf '%s\\n' "$name" >> "${join(dir, 'received.log')}"\n`,
    );
    await chmod(sink, 0o755);
    const flags = ['--config', 'manifest.json', '--endpoint', emu.url, '--state', 'state.json'];
    const applied = await runInProcess(['apply', '--auto-approve', ...flags], dir);
    if (applied.code !== 0) throw new Error(applied.err);
    const original = (await secretsOf(dir))[ENV] ?? '';
    const rotate = ['rotate', ADDRESS, ...flags, '--advance-emulator-clock', '--force-unlock', '--secrets-exec', sink];

    // The killed rotate.
    if (kill.mode === 'sink') await writeFile(join(dir, 'hold'), '');
    const running = spawnCli(rotate, dir);
    let killedAt: string | null = null;
    if (kill.mode === 'sink') {
      while (!(await exists(join(dir, 'holding'))) && running.child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      killedAt = 'sink delivering';
      await running.kill();
      await rm(join(dir, 'hold'));
    } else {
      const base = emu.mutations();
      emu.setHook({
        before: async (c) => {
          if (c.n !== base + kill.at || kill.mode === 'after') return 'process';
          killedAt = `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, '{id}')}`;
          await running.kill();
          return kill.mode === 'drop' ? 'drop' : 'process';
        },
        after: (c) => {
          if (c.n !== base + kill.at || kill.mode !== 'after') return;
          killedAt = `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, '{id}')}`;
          setTimeout(() => void running.kill(), 0);
        },
      });
    }
    const killed = await running.done;
    emu.setHook(null);
    // No consumer is left without a working secret: the file's still gets a token.
    const afterKill = await tokenStatus(dir, (await secretsOf(dir))[ENV] ?? '');

    // The rotate that must finish.
    const finished = await runInProcess(
      rotate.map((a) => a),
      dir,
    );
    const secrets = await secretsOf(dir);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { pending: Record<string, unknown> };
    const verified = await runInProcess(['verify', ...flags], dir);
    return {
      killed: killed.signal === 'SIGKILL',
      killedAt,
      afterKill,
      finished: finished.code,
      finishedErr: finished.err,
      newWorks: await tokenStatus(dir, secrets[ENV] ?? ''),
      originalRefused: await tokenStatus(dir, original),
      rotatedAway: secrets[ENV] !== original,
      stagedLeft: Object.keys(secrets).filter((k) => k !== ENV),
      pending: state.pending,
      verify: verified.code,
    };
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('kill -9 during grantform rotate', () => {
  it('killed at each step (stage, clock, activate arriving / dropped / answered, sink delivering), a re-run finishes with a working secret', async () => {
    // GIVEN the kill points: each admin call a rotation makes (stage, clock, activate), and the sink
    const kills: Kill[] = [
      ...(['arrive', 'drop', 'after'] as const).flatMap((mode) => [1, 2, 3].map((at) => ({ mode, at }))),
      { mode: 'sink', at: 0 },
    ];
    // WHEN each trial runs
    const results: Record<string, unknown>[] = [];
    for (const k of kills) results.push({ kill: `${k.mode} ${k.at}`, ...(await trial(k)) });
    // THEN every kill really killed the rotate at the intended step, the file's secret worked right
    // after it, and the re-run finished the rotation
    const expected = (k: Kill, killedAt: string) => ({
      kill: `${k.mode} ${k.at}`,
      killed: true,
      killedAt,
      afterKill: 200,
      finished: 0,
      finishedErr: '',
      newWorks: 200,
      originalRefused: 401,
      rotatedAway: true,
      stagedLeft: [],
      pending: {},
      verify: 0,
    });
    const calls = [
      'POST /_emulator/packages/{id}/integration/secret/stage',
      'POST /_emulator/clock',
      'POST /_emulator/packages/{id}/integration/secret/activate',
    ];
    expect(results).toEqual([
      ...(['arrive', 'drop', 'after'] as const).flatMap((mode) =>
        [1, 2, 3].map((at) => expected({ mode, at }, calls[at - 1] ?? '')),
      ),
      expected({ mode: 'sink', at: 0 }, 'sink delivering'),
    ]);
  }, 300_000);
});
