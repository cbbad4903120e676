/**
 * @module
 * Bundles the toy provider's entry point into one ESM file, the way a provider should ship (one file
 * loads faster than a tree of modules). Used by the end-to-end test and the start-up measurement.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Writes the bundled toy provider to `outfile`. */
export async function bundleToyProvider(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // grpc-js and protobufjs are CommonJS and call require(); give the ESM bundle one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
