#!/usr/bin/env node
// Bundles the provider executable into dist/provider.mjs (run at prepack, after tsc).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: new URL('../dist/provider.mjs', import.meta.url).pathname,
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('terraform-provider: dist/provider.mjs');
