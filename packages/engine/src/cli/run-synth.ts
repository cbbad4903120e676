/**
 * @module
 * What `grantform synth` does (registered in `./commands/synth.ts`): load, validate and synthesize
 * the configuration, then write `<out>/manifest.json` and `<out>/terraform/main.tf.json`
 * atomically: every file is written to a temporary name first and renamed only when all of them are
 * written, so a failure leaves the previous output untouched. Without the optional `cdktf` and
 * `@cdktf/provider-null` packages the manifest is written alone and the result says how to get the
 * Terraform JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { serializeManifest, synth } from '@grantform/config';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import type { CliIo } from './io.js';
import {
  DEFAULT_SYNTH_OUT,
  DEFAULT_SYNTH_STATE,
  MANIFEST_FILE,
  type SynthCommandDeps,
  type SynthCommandOptions,
  TERRAFORM_FILE,
} from './synth-options.js';

export interface SynthResult {
  readonly resourceCount: number;
  readonly manifestPath: string;
  /** `null` when the Terraform JSON was not written (see `terraformSkipped`). */
  readonly terraformPath: string | null;
  /** Why the Terraform JSON was not written and how to get it, on one line. */
  readonly terraformSkipped?: string;
}

/**
 * Writes every file to a temporary name beside its target, then renames them into place, so no
 * reader ever sees a half-written file and a failed write replaces nothing. (Each rename is
 * atomic; two renames together are not, but they only run once every file is fully written.)
 */
export async function writeFilesAtomically(files: readonly { path: string; content: string }[]): Promise<void> {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const temps = files.map((f) => ({ ...f, temp: `${f.path}${suffix}` }));
  try {
    for (const f of temps) {
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(f.temp, f.content);
    }
    for (const f of temps) await rename(f.temp, f.path);
  } catch (err) {
    await Promise.allSettled(temps.map((f) => rm(f.temp, { force: true })));
    throw err;
  }
}

/** `@grantform/config/cdktf` could not load because its optional peers are not installed. */
function cdktfMissing(err: unknown): { missing: readonly string[]; install: string } | null {
  const e = err as { code?: unknown; missing?: unknown; install?: unknown };
  return e?.code === 'ERR_CDKTF_MISSING' && Array.isArray(e.missing) && typeof e.install === 'string'
    ? { missing: e.missing as string[], install: e.install }
    : null;
}

/** Loads, validates and synthesizes the configuration, then writes the output. */
export async function runSynth(
  options: SynthCommandOptions,
  io: CliIo,
  deps: SynthCommandDeps = {},
): Promise<SynthResult> {
  const configFile = resolve(io.cwd, options.config ?? DEFAULT_CONFIG_FILE);
  const outDir = resolve(io.cwd, options.out ?? DEFAULT_SYNTH_OUT);
  const manifestPath = join(outDir, MANIFEST_FILE);
  const terraformPath = join(outDir, TERRAFORM_FILE);
  const terraformDir = dirname(terraformPath);

  const app = await loadConfig(configFile);
  const manifest = synth(app);
  const files = [{ path: manifestPath, content: serializeManifest(manifest) }];
  const result = { resourceCount: manifest.resources.length, manifestPath };

  // cdktf is loaded only by this command, and only when it is installed.
  let cdktf: typeof import('@grantform/config/cdktf');
  try {
    cdktf = await (deps.loadCdktf ?? (() => import('@grantform/config/cdktf')))();
  } catch (err) {
    const missing = cdktfMissing(err);
    if (missing === null) throw err;
    await writeFilesAtomically(files);
    return {
      ...result,
      terraformPath: null,
      terraformSkipped: `not written (optional ${missing.missing.join(' and ')} not installed): ${missing.install}, then synth again`,
    };
  }
  const terraform = cdktf.synthTerraform(manifest, {
    // Terraform runs the provisioners in its working directory: the terraform/ folder.
    configPath: relative(terraformDir, configFile),
    ...(options.grantformCommand === undefined ? {} : { command: options.grantformCommand }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    statePath: relative(terraformDir, resolve(io.cwd, options.state ?? DEFAULT_SYNTH_STATE)),
  });
  files.push({ path: terraformPath, content: `${JSON.stringify(terraform, null, 2)}\n` });
  await writeFilesAtomically(files);
  return { ...result, terraformPath };
}
