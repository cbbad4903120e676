/**
 * @module
 * Test fixtures for running the real `terraform` binary: finding it, running it in a working
 * directory with a private HOME and CLI configuration (so the implied local mirror and nothing else
 * is used), and reading a saved plan's files. Asynchronous on purpose: a test may serve an emulator
 * in-process that the provider Terraform starts talks to. Test-only (not built into `dist/`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The `terraform` on PATH that answers `terraform version`, or `undefined`. */
export function findTerraform(): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, 'terraform'))
    .find((p) => spawnSync(p, ['version'], { stdio: 'ignore' }).status === 0);
}

export interface TerraformResult {
  readonly status: number | null;
  /** stdout with every run of whitespace folded to one space (Terraform wraps diagnostics at 78 columns). */
  readonly stdout: string;
  readonly stderr: string;
  /** Both, unfolded, for failure messages. */
  readonly all: string;
}

export interface TerraformRunner {
  /** Runs `terraform <args> -no-color` in the working directory (or `cwd`). */
  (
    args: readonly string[],
    options?: { readonly cwd?: string; readonly env?: Record<string, string> },
  ): Promise<TerraformResult>;
  /** The environment every run gets: PATH, HOME, TF_CLI_CONFIG_FILE, no input, no checkpoint. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * A runner for `terraform` in `work`, with HOME = `home` (whose `.terraform.d/plugins` is the implied
 * local mirror) and an empty CLI configuration file in it (this machine's TF_CLI_CONFIG_FILE names
 * one that does not exist).
 */
export function terraformRunner(terraform: string, home: string, work: string): TerraformRunner {
  mkdirSync(work, { recursive: true });
  mkdirSync(home, { recursive: true });
  const cliConfig = join(home, 'terraformrc');
  writeFileSync(cliConfig, '', { flag: 'a' });
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const run = (args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
    new Promise<TerraformResult>((resolve, reject) => {
      const child = spawn(terraform, [...args, '-no-color'], {
        cwd: options.cwd ?? work,
        env: { ...env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('error', reject);
      child.on('close', (status) => {
        const flat = (t: string) => t.replace(/\s+/g, ' ');
        resolve({ status, stdout: flat(out), stderr: flat(err), all: `${out}\n${err}` });
      });
    });
  return Object.assign(run, { env });
}

/** The entries of a zip file (a saved plan), inflated. */
export function zipEntries(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return entries;
}
