/**
 * @module
 * What `grantform advise` does (registered in `./commands/advise.ts`): read the usage the emulator
 * recorded (`--usage FILE`, or `GET /_emulator/usage` of `--endpoint`), set it against the config
 * (client ids from `--state` when it exists), print the report and the suggested config change as a
 * diff (or `--json`), and with `--fail-on unused|missing` exit 2 when that is found.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { renderUsageReport } from '@grantform/config/usage';
import { advise, FAIL_ON, type FailOn } from '../advise/advise.js';
import type { SuggestedChange } from '../advise/config-edit.js';
import { fetchUsage, readUsageFile } from '../advise/usage-file.js';
import { EngineError } from '../errors.js';
import { readState } from '../state/state-file.js';
import { clientIdsOf } from './client-ids.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import { loadManifest, resolveCommon, writeJson } from './shared.js';

export interface AdviseFlags extends CommonFlags {
  /** An exported usage file instead of a running emulator. */
  readonly usage?: string;
  /** `unused`, `missing` (repeatable, or comma-separated). */
  readonly failOn?: string[];
}

/** The exit code when a `--fail-on` condition holds (1 stays for errors). */
export const ADVISE_FINDINGS_EXIT = 2;

function failOnFlags(values: readonly string[] = []): FailOn[] {
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  const bad = out.filter((v) => !(FAIL_ON as readonly string[]).includes(v));
  if (bad.length > 0) {
    throw new EngineError('ERR_USAGE', `--fail-on takes ${FAIL_ON.join(' or ')}, not ${bad.join(', ')}`);
  }
  return [...new Set(out)] as FailOn[];
}

function listOf(v: SuggestedChange['from']): string {
  return v === 'all' ? "'all'" : `[${v.join(', ')}]`;
}

/** Runs `grantform advise`. */
export async function runAdvise(flags: AdviseFlags, io: CliIo): Promise<void> {
  const failOn = failOnFlags(flags.failOn);
  const r = resolveCommon(flags, io);
  const manifest = await loadManifest(r.configPath);
  const usage =
    flags.usage === undefined
      ? await fetchUsage(r.endpoint, r.fetch, io.env.GRANTFORM_ADMIN_TOKEN)
      : await readUsageFile(resolve(io.cwd, flags.usage));
  const { state } = await readState(r.statePath);
  const clientIds = clientIdsOf(state);
  const file = relative(io.cwd, r.configPath) || r.configPath;
  const source = await readFile(r.configPath, 'utf8');
  const result = advise({ manifest, usage, clientIds, config: { source, file } });
  const failed = failOn.filter((f) => result.findings[f]);

  if (r.json) {
    writeJson(io, {
      report: result.report,
      changes: result.edit?.changes ?? [],
      patch: result.edit?.patch ?? '',
      findings: result.findings,
      failed,
    });
  } else {
    io.stdout(renderUsageReport(result.report));
    const changes = result.edit?.changes ?? [];
    const unlocated = changes.filter((c) => 'reason' in c.located);
    if (changes.length === 0) {
      io.stdout('\nNo change suggested: every declared grant that was seen was used, and none was missing.\n');
    }
    if (result.edit !== null && result.edit.patch !== '') {
      io.stdout(`\nSuggested change to ${file} (git apply, or patch -p1):\n\n${result.edit.patch}`);
    }
    if (unlocated.length > 0) {
      io.stdout(`\nNot found as a literal in ${file}; change by hand:\n`);
      for (const c of unlocated) {
        const why = 'reason' in c.located ? c.located.reason : '';
        io.stdout(`  ${c.address} ${c.field}: ${listOf(c.from)} → ${listOf(c.to)} (${why})\n`);
      }
    }
  }
  if (failed.length > 0) {
    io.stderr(
      `advise: found ${failed.map((f) => (f === 'unused' ? 'unused grants' : 'missing scopes')).join(' and ')} (--fail-on ${failed.join(',')})\n`,
    );
    io.exitCode = ADVISE_FINDINGS_EXIT;
  }
}
