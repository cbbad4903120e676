/**
 * @module
 * `grantform verify`: prove each declared integration works against the target.
 * Output: a table, `--json`, and `--junit FILE`. Exit 1 when any check fails.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { desiredOrThrow } from '../../engine.js';
import { createEnvFileSecretsSink, createJsonSecretsSink, defaultSecretsPath } from '../../state/secrets-sink.js';
import { readState, writeFileAtomic } from '../../state/state-file.js';
import { renderJunit, renderVerifyTable, verify } from '../../verify.js';
import { durationFlag } from '../flags.js';
import type { CliIo } from '../io.js';
import type { CommonFlags } from '../shared.js';
import { addCommonOptions, loadManifest, resolveCommon, writeJson } from '../shared.js';

interface VerifyFlags extends CommonFlags {
  readonly wait?: string;
  readonly interval?: string;
  readonly junit?: string;
  readonly loginHint?: string;
}

export function registerVerify(program: Command, io: CliIo): void {
  const cmd = program.command('verify').description('prove each declared integration works against the target');
  addCommonOptions(cmd, { address: true, secrets: true })
    .option('--wait <duration>', 'retry failed checks until they pass or this time is up (e.g. 5m)')
    .option('--interval <duration>', 'time between retries', '5s')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--login-hint <username>', 'emulator test user for web/public apps (default admin@<tenant name>)')
    .action(async (flags: VerifyFlags) => {
      const waitMs = flags.wait === undefined ? 0 : durationFlag('--wait', flags.wait, 0, 86_400_000);
      const intervalMs = durationFlag('--interval', flags.interval ?? '5s', 100, 3_600_000);
      const r = resolveCommon(flags, io);
      const desired = desiredOrThrow(await loadManifest(r.configPath));
      const { state } = await readState(r.statePath);
      const sink =
        flags.secretsEnvFile === undefined
          ? createJsonSecretsSink(defaultSecretsPath(r.statePath))
          : createEnvFileSecretsSink(resolve(io.cwd, flags.secretsEnvFile));
      const hint = flags.loginHint;
      const adminToken = io.env.GRANTFORM_ADMIN_TOKEN;
      const report = await verify({
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
      // 0644: a report CI tools read, holding no secret.
      if (flags.junit !== undefined) await writeFileAtomic(resolve(io.cwd, flags.junit), renderJunit(report), 0o644);
      if (r.json) writeJson(io, report);
      else io.stdout(renderVerifyTable(report));
      if (!report.ok) io.exitCode = 1;
    });
}
