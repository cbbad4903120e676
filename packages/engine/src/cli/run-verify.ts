/**
 * @module
 * What `grantform verify` does (registered in `./commands/verify.ts`): load the config and state,
 * run every check (retrying with `--wait`), print the table or `--json`, write `--junit`. With
 * `--warn-unused-grants`, the emulator's recorded usage (read before the checks run) adds warnings
 * for grants never used; they do not change the exit code.
 */
import { resolve } from 'node:path';
import type { Manifest } from '@grantform/config';
import { usageReport } from '@grantform/config/usage';
import { unusedGrantWarnings } from '../advise/unused-grants.js';
import { fetchUsage } from '../advise/usage-file.js';
import { desiredOrThrow } from '../engine.js';
import { EngineError } from '../errors.js';
import type { StateFile } from '../state/records.js';
import { createEnvFileSecretsSink, createJsonSecretsSink, defaultSecretsPath } from '../state/secrets-sink.js';
import { readState, writeFileAtomic } from '../state/state-file.js';
import { renderJunit, renderVerifyTable, type VerifyWarning, verify } from '../verify.js';
import { clientIdsOf } from './client-ids.js';
import { durationFlag } from './flags.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import { loadManifest, type Resolved, resolveCommon, writeJson } from './shared.js';

export interface VerifyFlags extends CommonFlags {
  readonly wait?: string;
  readonly interval?: string;
  readonly junit?: string;
  readonly loginHint?: string;
  /** Warn about grants the emulator's recorded usage never needed (`grantform advise`'s evidence). */
  readonly warnUnusedGrants?: boolean;
}

/** `--warn-unused-grants`: the emulator's recorded usage set against the config, as warnings. */
async function unusedGrants(
  manifest: Manifest,
  state: StateFile,
  r: Resolved,
  io: CliIo,
  addresses: readonly string[] = [],
): Promise<VerifyWarning[]> {
  if (r.driver.name === 'sfmc') {
    throw new EngineError(
      'ERR_USAGE',
      "--warn-unused-grants reads the emulator's recorded usage; it cannot be used with --target sfmc",
    );
  }
  const usage = await fetchUsage(r.endpoint, r.fetch, io.env.GRANTFORM_ADMIN_TOKEN);
  return unusedGrantWarnings(usageReport(manifest, usage, { clientIds: clientIdsOf(state) }), addresses);
}

/** Runs `grantform verify`. */
export async function runVerify(flags: VerifyFlags, io: CliIo): Promise<void> {
  const waitMs = flags.wait === undefined ? 0 : durationFlag('--wait', flags.wait, 0, 86_400_000);
  const intervalMs = durationFlag('--interval', flags.interval ?? '5s', 100, 3_600_000);
  const r = resolveCommon(flags, io);
  const manifest = await loadManifest(r.configPath);
  const desired = desiredOrThrow(manifest);
  const { state } = await readState(r.statePath);
  // The usage is read before any check runs: verify's own tokens and calls are not the job's evidence.
  const unused =
    flags.warnUnusedGrants === true ? await unusedGrants(manifest, state, r, io, flags.address) : undefined;
  const sink =
    flags.secretsEnvFile === undefined
      ? createJsonSecretsSink(defaultSecretsPath(r.statePath))
      : createEnvFileSecretsSink(resolve(io.cwd, flags.secretsEnvFile));
  const hint = flags.loginHint;
  const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
  // Secrets' expiry is judged on the target's clock (the emulator's can be moved).
  const targetNow = r.driver.now === undefined ? new Date() : await r.driver.now().catch(() => new Date());
  const startedAt = Date.now();
  const checked = await verify({
    now: () => new Date(targetNow.getTime() + (Date.now() - startedAt)),
    desired,
    state,
    target: r.driver.name === 'sfmc' ? 'sfmc' : 'emulator',
    ...(r.driver.name === 'sfmc' ? {} : { emulatorEndpoint: r.endpoint }),
    ...(adminToken === undefined ? {} : { adminToken }),
    fetch: r.fetch,
    env: io.env,
    secret: (name) => sink.get(name),
    waitMs,
    intervalMs,
    ...(flags.address === undefined ? {} : { addresses: flags.address }),
    ...(hint === undefined ? {} : { loginHint: () => hint }),
    ...(flags.wait === undefined
      ? {}
      : {
          sleep: async (ms: number) => {
            if (!r.json) io.stderr(`some checks failed; retrying in ${Math.round(ms / 1000)}s…\n`);
            await new Promise<void>((done) => setTimeout(done, ms));
          },
        }),
  });
  const report = unused === undefined ? checked : { ...checked, warnings: unused };
  // 0644: a report CI tools read, holding no secret.
  if (flags.junit !== undefined) await writeFileAtomic(resolve(io.cwd, flags.junit), renderJunit(report), 0o644);
  if (r.json) writeJson(io, report);
  else io.stdout(renderVerifyTable(report));
  if (!report.ok) io.exitCode = 1;
}
