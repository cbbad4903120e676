/**
 * @module
 * The emulator's prebuilt bundle, for a fast `grantform emulator` cold start: `src/cli.ts` and
 * everything it imports (hono, jose, zod …) bundled by esbuild into one ESM file, `dist/emulator.mjs`,
 * so starting needs neither tsx nor hundreds of module loads.
 *
 * - `node emulator/scripts/bundle.mjs` builds it (the workspace root's `postinstall` and the
 *   package's `prepack` run this), with `dist/grantform-emulator.mjs`, the installed package's bin.
 * - {@link freshBundle} returns its path only when it is up to date: every workspace source file (and
 *   `package.json`) that went into it is no newer than the build. Otherwise callers fall back to the
 *   TypeScript sources through tsx, so an edited source is never shadowed by a stale bundle.
 *
 * Plain JavaScript on purpose: the CLI checks freshness before tsx is loaded. esbuild is imported only
 * when building.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EMULATOR_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(EMULATOR_DIR, 'dist');
/** The bundle: an ES module exporting what `src/cli.ts` exports (`runEmulatorCli`, …). */
export const BUNDLE_PATH = join(DIST, 'emulator.mjs');
/**
 * The installed package's `grantform-emulator` bin: `src/main.ts` importing the bundle beside it
 * (this repository's bin is `bin/grantform-emulator.js`).
 */
export const BIN_PATH = join(DIST, 'grantform-emulator.mjs');
/** `{ builtAt, inputs }`: the build time (ms) and the workspace files that went in, relative to `dist/`. */
const MANIFEST_PATH = join(DIST, 'emulator.inputs.json');

/**
 * Whether argv seeds from a config file (`--seed x.ts`): loading one needs the TypeScript sources
 * of this repository's engine, which the bundle cannot import, so the bins run the sources then.
 */
export function seedsFromConfig(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--seed' ? argv[i + 1] : arg.startsWith('--seed=') ? arg.slice('--seed='.length) : undefined;
    if (value !== undefined && !value.endsWith('.json')) return true;
  }
  return false;
}

/**
 * The bundle's path when it exists and no input changed since it was built; `null` otherwise
 * (missing, stale, unreadable manifest, or disabled with `GRANTFORM_EMULATOR_BUNDLE=0`).
 */
export function freshBundle() {
  if (process.env.GRANTFORM_EMULATOR_BUNDLE === '0') return null;
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
    if (typeof manifest.builtAt !== 'number' || !Array.isArray(manifest.inputs)) return null;
    if (statSync(BUNDLE_PATH).mtimeMs < manifest.builtAt || statSync(BIN_PATH).mtimeMs < manifest.builtAt) return null;
    for (const input of manifest.inputs) {
      if (statSync(resolve(DIST, input)).mtimeMs >= manifest.builtAt) return null;
    }
    return BUNDLE_PATH;
  } catch {
    return null;
  }
}

/** The nearest `package.json` above a file (its exports and dependencies shape the bundle too). */
function packageJsonOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      statSync(join(dir, 'package.json'));
      return join(dir, 'package.json');
    } catch {}
  }
  return null;
}

/**
 * zod's `locales` namespace re-exports every language's error messages (~370 KB of the bundle, a
 * quarter of its parse time at start). The emulator never switches zod's locale (its messages are
 * its own, in English), so the bundle keeps only `en`: `z.locales.xx` other than `en` is undefined in
 * the bundle. The TypeScript sources (tsx) are unaffected. The engine's CLI bundle uses it too.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Builds `dist/emulator.mjs` and its manifest (written atomically: temp file + rename). */
export async function buildBundle() {
  const { build } = await import('esbuild');
  // Taken before the build: a source saved while esbuild runs makes the bundle stale, never falsely fresh.
  const builtAt = Date.now() - 1;
  mkdirSync(DIST, { recursive: true });
  const tmp = `${BUNDLE_PATH}.${process.pid}.tmp`;
  const nodeModule = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
  const result = await build({
    ...nodeModule,
    entryPoints: [join(EMULATOR_DIR, 'src/cli.ts')],
    outfile: tmp,
    plugins: [zodEnglishOnly],
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __gfRequire } from 'node:module'; const require = __gfRequire(import.meta.url);",
    },
  });
  // The bin: `src/main.ts` with its one import (`./cli.js`) pointed at the bundle beside it.
  const binTmp = `${BIN_PATH}.${process.pid}.tmp`;
  const bin = await build({
    ...nodeModule,
    entryPoints: [join(EMULATOR_DIR, 'src/main.ts')],
    outfile: binTmp,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [
      {
        name: 'cli-is-the-bundle',
        setup(b) {
          b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './emulator.mjs', external: true }));
        },
      },
    ],
  });
  const files = new Set();
  for (const input of [...Object.keys(result.metafile.inputs), ...Object.keys(bin.metafile.inputs)]) {
    if (input.includes('node_modules/')) continue;
    const abs = resolve(process.cwd(), input);
    files.add(abs);
    const pkg = packageJsonOf(abs);
    if (pkg) files.add(pkg);
  }
  const manifest = { builtAt, inputs: [...files].sort().map((f) => relative(DIST, f)) };
  renameSync(tmp, BUNDLE_PATH);
  chmodSync(binTmp, 0o755);
  renameSync(binTmp, BIN_PATH);
  writeFileSync(`${MANIFEST_PATH}.${process.pid}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${MANIFEST_PATH}.${process.pid}.tmp`, MANIFEST_PATH);
  return { path: BUNDLE_PATH, inputs: manifest.inputs.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // `--optional` (the postinstall): never fail an install; without a bundle the CLI runs from sources.
  const optional = process.argv.includes('--optional');
  try {
    const t0 = performance.now();
    const { path, inputs } = await buildBundle();
    console.log(
      `emulator bundle: ${relative(process.cwd(), path)} (${inputs} inputs, ${Math.round(performance.now() - t0)} ms)`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (!optional) throw err;
    console.warn(`emulator bundle: not built (${message}); \`grantform emulator\` will run from sources`);
  }
}
