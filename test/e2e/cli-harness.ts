/**
 * The in-process CLI harness shared by the CLI end-to-end tests: a fresh temporary working directory
 * and a fresh in-process emulator before each test, `run(args)` calling `main()` with a memory
 * `CliIo` whose fetch goes to that emulator, and `writeManifest()` into the working directory.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { createEmulator, type EmulatorOptions } from '../../emulator/src/index.js';
import type { Manifest } from '../../packages/config/src/index.js';
import { memoryIo } from '../../packages/engine/src/cli/io.js';
import { main } from '../../packages/engine/src/cli/main.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Response | Promise<Response>;

export interface CliHarness {
  /** The working directory of the current test. */
  readonly dir: string;
  /** The emulator of the current test. */
  readonly app: ReturnType<typeof createEmulator>;
  /** What the CLI fetches with: the emulator, unless {@link setFetch} replaced it for this test. */
  fetch(input: string | URL | Request, init?: RequestInit): Response | Promise<Response>;
  /** Replaces what the CLI fetches with for the rest of the current test (an unreachable target, say). */
  setFetch(fetch: Fetch): void;
  run(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }>;
  /** Writes a manifest as JSON into the working directory; returns its path. */
  writeManifest(manifest: Manifest, name?: string): Promise<string>;
}

/** Registers a `beforeEach` that gives every test of the file its own directory and emulator. */
export function useCliHarness(prefix: string, options: EmulatorOptions = { headlessAuthorize: true }): CliHarness {
  let dir = '';
  let app: ReturnType<typeof createEmulator> | undefined;
  let replaced: Fetch | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    app = createEmulator(options);
    replaced = undefined;
  });
  const current = () => {
    if (!app) throw new Error('useCliHarness: no test is running');
    return app;
  };
  const fetch: Fetch = (input, init) => (replaced ? replaced(input, init) : current().request(input, init));
  return {
    get dir() {
      return dir;
    },
    get app() {
      return current();
    },
    fetch,
    setFetch(f) {
      replaced = f;
    },
    async run(args, env = {}) {
      const io = memoryIo({ cwd: dir, fetch, env });
      const code = await main(['node', 'grantform', ...args], io);
      return { code, out: io.out(), err: io.err() };
    },
    async writeManifest(manifest, name = 'grantform.manifest.json') {
      const path = join(dir, name);
      await writeFile(path, JSON.stringify(manifest));
      return path;
    },
  };
}
