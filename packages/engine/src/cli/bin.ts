#!/usr/bin/env node
/**
 * @module
 * The installed `grantform` bin (the published package's `bin`; in this repository
 * `bin/grantform.js` runs the TypeScript sources instead). `--version` answers without loading the
 * CLI; everything else goes through `main()`, which loads only the command that runs.
 */
import { VERSION } from '../version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv);
}
