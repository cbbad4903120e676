/**
 * @module
 * Packing the packages as they would be published, and installing the tarballs into a fresh
 * project outside the workspace with npm or pnpm: shared by the pack-and-install test
 * (`pack-install.test.ts`) and the install bench (`bench/install.ts`).
 *
 * `pnpm pack` is the packer because it applies `publishConfig` (exports and bins into `dist/`) and
 * writes the workspace's versions in place of `workspace:*`; each package's `prepack` builds it.
 * The project's `overrides` point the packages' dependencies on each other at the tarballs, so the
 * install never asks a registry for a `@grantform/*` package; everything else comes from the npm
 * registry as any install would.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The published packages, by name, with their directories. */
export const PUBLISHED = {
  '@grantform/config': 'packages/config',
  '@grantform/emulator': 'emulator',
  '@grantform/testing': 'packages/testing',
  '@grantform/engine': 'packages/engine',
  '@grantform/terraform-plugin': 'packages/terraform-plugin',
  '@grantform/terraform-provider': 'packages/terraform-provider',
} as const;

export type PackageName = keyof typeof PUBLISHED;
export type Manager = 'npm' | 'pnpm';

/** Environment for the package managers and the project's commands: the caller's, without what a
 * surrounding `pnpm run`, npm or vitest put there (a nested vitest must not think it is a worker). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|PNPM_|pnpm_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|INIT_CWD$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** How to run pnpm 10: the one running this (`pnpm run …`), else `npx -y pnpm@10`. */
export function pnpmCommand(): [string, ...string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath)) return [process.execPath, execPath];
  return ['npx', '-y', 'pnpm@10'];
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export async function sh(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${options.cwd}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  }
}

export interface Tarball {
  readonly name: PackageName;
  readonly path: string;
  /** Compressed size in bytes. */
  readonly bytes: number;
}

/** `pnpm pack` of each package into `outDir` (each `prepack` builds it). */
export async function packAll(outDir: string): Promise<Record<PackageName, Tarball>> {
  await mkdir(outDir, { recursive: true });
  const [command, ...prefix] = pnpmCommand();
  const packed: Partial<Record<PackageName, Tarball>> = {};
  for (const [name, dir] of Object.entries(PUBLISHED) as [PackageName, string][]) {
    const before = new Set(await readdir(outDir));
    await sh(command, [...prefix, 'pack', '--pack-destination', outDir], { cwd: join(ROOT, dir) });
    const file = (await readdir(outDir)).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball for ${name} into ${outDir}`);
    const path = join(outDir, file);
    packed[name] = { name, path, bytes: (await stat(path)).size };
  }
  return packed as Record<PackageName, Tarball>;
}

/** The files in a tarball (`tar tzf`), without the `package/` prefix. */
export async function tarballFiles(path: string): Promise<string[]> {
  const { stdout } = await sh('tar', ['tzf', path], { cwd: ROOT });
  return stdout
    .split('\n')
    .filter((line) => line.length > 0 && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

export interface ProjectOptions {
  /** More dependencies (name → version), e.g. vitest for the project's own tests. */
  readonly devDependencies?: Record<string, string>;
}

/**
 * Writes a project's package.json depending on the tarballs and installs it with `manager`. npm
 * `overrides` reference the root dependencies (`$name`); pnpm `overrides` name the tarballs.
 */
export async function installProject(
  dir: string,
  manager: Manager,
  tarballs: Record<PackageName, Tarball>,
  options: ProjectOptions = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(Object.values(tarballs).map((t) => [t.name, `file:${t.path}`]));
  const overrides =
    manager === 'npm'
      ? { overrides: Object.fromEntries(Object.keys(dependencies).map((name) => [name, `$${name}`])) }
      : { pnpm: { overrides: dependencies } };
  const manifest = {
    name: 'grantform-consumer',
    private: true,
    type: 'module',
    dependencies,
    devDependencies: options.devDependencies ?? {},
    ...overrides,
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (manager === 'npm') {
    await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  } else {
    const [command, ...prefix] = pnpmCommand();
    // Its own project (not a workspace member), so the repository's pnpm settings do not apply.
    await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
    await sh(command, [...prefix, 'install', '--reporter=silent'], { cwd: dir });
  }
}

/** Sum of the sizes of the files under a directory, in bytes (links not followed). */
export async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await diskBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** A long-running process and the first URL it printed (`… listening on http://…`). */
export interface Started {
  readonly url: string;
  output(): string;
  /**
   * Sends SIGTERM to the process group it started (npx and what npx runs) and resolves once every
   * process of the group is gone and its output is closed.
   */
  stop(): Promise<void>;
}

/** Whether any process of the group still runs. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a command in its own process group and resolves once its output names the URL it listens
 * on. The group is what `stop()` (or a timeout) ends, so nothing it started outlives the test.
 */
export function startListening(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Started> {
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? cleanEnv(), detached: true });
  const pgid = child.pid ?? 0;
  let out = '';
  const closed = new Promise<void>((done) => child.on('close', () => done()));
  const stop = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
    await closed;
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  return new Promise((resolveStart, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${command} ${args.join(' ')} ${why}:\n${out}`)));
    };
    const timer = setTimeout(() => fail('did not start listening in time'), options.timeoutMs ?? 30_000);
    const onOutput = (chunk: Buffer) => {
      out += chunk.toString();
      const url = settled ? undefined : /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (url === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolveStart({ url, output: () => out, stop });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`));
  });
}

/** Removes a directory tree unless `GRANTFORM_KEEP_PACK=1` (to look at it after a failure). */
export async function removeUnlessKept(dir: string): Promise<void> {
  if (process.env.GRANTFORM_KEEP_PACK === '1') return;
  await rm(dir, { recursive: true, force: true });
}
