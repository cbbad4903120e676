#!/usr/bin/env node
// The `grantform` bin in this repository: the TypeScript sources, loaded by tsx without a build step.
// (The installed package's bin is the compiled dist/cli/bin.js; see package.json `publishConfig`.)
// Fast path (cold start): `grantform emulator` runs the prebuilt emulator bundle (built by the root
// `postinstall`, `emulator/dist/emulator.mjs`) when it is up to date with the sources and knows every
// flag given, skipping tsx and commander. Otherwise (or with GRANTFORM_EMULATOR_BUNDLE=0, for
// `--help`, or for `--seed grantform.config.ts`) the normal path below runs.
const [, , command, ...rest] = process.argv;
if (command === 'emulator') {
  const { freshBundle, seedsFromConfig } = await import('@grantform/emulator/bundle');
  const bundle = seedsFromConfig(rest) ? null : freshBundle();
  if (bundle) {
    const { pathToFileURL } = await import('node:url');
    const { runEmulatorCli, EMULATOR_CLI_OPTIONS } = await import(pathToFileURL(bundle).href);
    const known = (arg) => !arg.startsWith('-') || Object.hasOwn(EMULATOR_CLI_OPTIONS, arg.slice(2).split('=')[0]);
    if (rest.every(known)) {
      const io = {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.cwd(),
        env: process.env,
      };
      process.exitCode = await runEmulatorCli(rest, io);
    }
  }
}
if (process.exitCode === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv);
}
