/**
 * @module
 * Measures how long the bundled toy provider takes from process start to its handshake line, the wait
 * Terraform pays on every provider launch. Prints min / median / max over N launches (default 15).
 * Not a test: the figures depend on the machine.
 *
 *   npx tsx packages/terraform-plugin/scripts/measure-startup.ts [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerCertificate } from '../src/certificate.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/handshake.js';
import { bundleToyProvider } from '../src/toy/bundle.js';

const bundle = join(mkdtempSync(join(tmpdir(), 'tf-startup-')), 'toy.mjs');
await bundleToyProvider(bundle);
const clientCert = createServerCertificate().certPem;

function launch(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [bundle], {
      env: {
        PATH: process.env.PATH ?? '',
        [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: '5,6',
        PLUGIN_CLIENT_CERT: clientCert,
        PLUGIN_MIN_PORT: '10000',
        PLUGIN_MAX_PORT: '25000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => {
      resolve(performance.now() - start);
      child.kill();
    });
    child.on('exit', (code) => {
      if (code) reject(new Error(`provider exited ${code}: ${stderr}`));
    });
  });
}

const runs = Number(process.argv[2] ?? 15);
const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(await launch());
times.sort((a, b) => a - b);
const ms = (n: number | undefined) => `${(n ?? 0).toFixed(0)} ms`;
console.log(
  `time to handshake over ${runs} launches: min ${ms(times[0])}, median ${ms(times[Math.floor(runs / 2)])}, max ${ms(times.at(-1))}`,
);
