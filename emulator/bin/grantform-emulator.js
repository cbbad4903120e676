#!/usr/bin/env node
// `grantform-emulator` in this repository (the installed package's bin is dist/grantform-emulator.mjs):
// the emulator on its own, with the flags of `grantform emulator`. It runs the prebuilt bundle
// (`scripts/bundle.mjs`) when that is up to date with the sources, otherwise the TypeScript sources
// through tsx (also for `--seed grantform.config.ts`, which loads this repository's engine sources).
import { pathToFileURL } from 'node:url';
import { freshBundle, seedsFromConfig } from '../scripts/bundle.mjs';

const argv = process.argv.slice(2);
const bundle = seedsFromConfig(argv) ? null : freshBundle();
let entry = bundle === null ? null : pathToFileURL(bundle).href;
if (entry === null) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli.ts', import.meta.url).href;
}
const { runEmulatorCli } = await import(entry);
process.exitCode = await runEmulatorCli(argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
});
