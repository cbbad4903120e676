/**
 * @module
 * The provider as one ESM file: Terraform starts the provider 3 to 5 times per command and waits
 * for its handshake each time, and one bundled file loads much faster than a tree of modules. Built
 * into `dist/provider.mjs` when the package is packed (`scripts/bundle.mjs`), and on the fly when
 * `installGrantformProvider` runs from this repository's sources.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(import.meta.url);

/** The entry point bundled: `main.ts` beside this module in the sources, `main.js` in `dist/`. */
export const PROVIDER_ENTRY = join(dirname(here), here.endsWith('.ts') ? 'main.ts' : 'main.js');

/** Writes the bundled provider to `outfile`. */
export async function bundleProvider(outfile: string): Promise<void> {
  await build({
    entryPoints: [PROVIDER_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // grpc-js and protobufjs are CommonJS and call require(): give the ESM bundle one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
}
