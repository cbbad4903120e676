/**
 * @module
 * The installed `grantform` bin: `src/cli/bin.ts` and what it imports bundled by esbuild into
 * `dist/bin/grantform.mjs`, split at every dynamic import (`dist/bin/chunks/`), so `--version` loads
 * one small file, `--help` the command registrations, and each command only what it runs. Loading
 * one file instead of hundreds (zod alone is ~100 modules) is most of a cold start.
 *
 * Left to Node (external): `esbuild` (a native binary, used to load grantform.config.ts), the
 * optional `cdktf` peers and `@grantform/config/cdktf` (which checks for them), and
 * `@grantform/emulator` (its own package; `grantform-emulator` is its fast bin).
 *
 * Run by the package's `prepack` (this repository's bin runs the sources; see `bin/grantform.js`).
 * Plain JavaScript, like the emulator's bundle script it borrows a plugin from.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodEnglishOnly } from '@grantform/emulator/bundle';
import { build } from 'esbuild';

const ENGINE_DIR = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ENGINE_DIR, 'dist/bin');
/** The bin (package.json `publishConfig.bin`). */
export const CLI_BIN = join(OUT_DIR, 'grantform.mjs');

/** Builds `dist/bin/` from scratch. */
export async function buildCliBundle() {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await build({
    entryPoints: { grantform: join(ENGINE_DIR, 'src/cli/bin.ts') },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    sourcemap: 'linked',
    sourcesContent: false,
    external: [
      'esbuild',
      'cdktf',
      '@cdktf/*',
      '@grantform/config/cdktf',
      '@grantform/emulator',
      '@grantform/emulator/*',
    ],
    plugins: [zodEnglishOnly],
    // CommonJS dependencies bundled into ESM (commander) still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __gfRequire } from 'node:module'; const require = __gfRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  chmodSync(CLI_BIN, 0o755);
  return CLI_BIN;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const bin = await buildCliBundle();
  console.log(`grantform CLI bundle: ${relative(process.cwd(), bin)} (${Math.round(performance.now() - t0)} ms)`);
}
