#!/usr/bin/env node
// The `grantform` bin in this repository: the TypeScript sources, loaded by tsx without a build step.
// (The installed package's bin is the compiled dist/cli/bin.js; see package.json `publishConfig`.)
// Fast path (cold start): `grantform emulator` runs the prebuilt emulator bundle (built by the root
// `postinstall`, `emulator/dist/emulator.mjs`) when it is up to date with the sources and knows every
// flag given (`grantform emulator env` too), skipping tsx and commander. Otherwise (or with GRANTFORM_EMULATOR_BUNDLE=0, for
// `--help`, or for `--seed grantform.config.ts`) the normal path below runs.
const [, , command, ...rest] = process.argv;
if (command === 'emulator') {
  const { freshBundle, seedsFromConfig } = await import('@grantform/emulator/bundle');
  const bundle = seedsFromConfig(rest) ? null : freshBundle();
  if (bundle) {
    const { pathToFileURL } = await import('node:url');
    const { runEmulatorCli, EMULATOR_CLI_OPTIONS, EMULATOR_ENV_CLI_OPTIONS } = await import(pathToFileURL(bundle).href);
    // `grantform emulator env …` takes the env command's flags (and a bundle without it, none).
    const [options, args] =
      rest[0] === 'env' ? [EMULATOR_ENV_CLI_OPTIONS ?? {}, rest.slice(1)] : [EMULATOR_CLI_OPTIONS, rest];
    const known = (arg) => !arg.startsWith('-') || Object.hasOwn(options, arg.slice(2).split('=')[0]);
    if (args.every(known)) {
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
