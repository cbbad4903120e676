/**
 * Runs the example's clients for real: one emulator process (`grantform emulator --tls`, seeded from
 * `grantform.config.ts`, proxy and CA on a free port / a temp directory) shared by the file, then
 * `run.sh <client>` for each, which evals `grantform emulator env` and starts the client with nothing
 * but that environment and the package's credentials. Each client must get a token from
 * `https://{tssd}.auth.marketingcloudapis.com/v2/token` and call the REST host the token response names;
 * the emulator's request log shows both requests by their real host names. A client whose tool is
 * missing (curl, python3, java) is skipped with the reason printed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorProcess, startEmulatorProcess } from '../../../emulator/src/testing/emulator-process.js';
import { SUBDOMAIN } from '../grantform.config.js';

const RUN = resolve(import.meta.dirname, '../run.sh');
const AUTH_HOST = `${SUBDOMAIN}.auth.marketingcloudapis.com`;
const REST_HOST = `${SUBDOMAIN}.rest.marketingcloudapis.com`;
const TOKEN_CONTEXT = { enterprise: { id: 300 }, organization: { id: 301 }, user: { id: 10000002 } };

/** Whether `tool` is on PATH; prints why its client is skipped when it is not. */
async function available(tool: string, client: string): Promise<boolean> {
  const found = await promisify(execFile)('sh', ['-c', `command -v ${tool}`]).then(
    () => true,
    () => false,
  );
  if (!found) console.warn(`examples/any-language: skipping the ${client} client: ${tool} is not on PATH`);
  return found;
}

const tools = {
  curl: await available('curl', 'curl'),
  python: await available('python3', 'Python'),
  java: await available('java', 'Java'),
};

/** The environment without the outer vitest's own variables and without any proxy or CA setting. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VITEST') || k === 'NODE_OPTIONS' || /proxy|_CA_|CERT/i.test(k) || k === 'JAVA_TOOL_OPTIONS')
      continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

describe('examples/any-language: unmodified clients against the emulator over TLS', () => {
  let work = '';
  let emulator: EmulatorProcess | undefined;
  let url = '';
  let credentials = '';

  beforeAll(async () => {
    // GIVEN an emulator process with --tls, seeded from the example's config
    work = await mkdtemp(join(tmpdir(), 'grantform-any-language-'));
    credentials = join(work, 'credentials.json');
    emulator = await startEmulatorProcess(
      [
        '--port',
        '0',
        '--tls',
        '--tls-dir',
        join(work, 'tls'),
        '--proxy-port',
        '0',
        '--seed',
        'examples/any-language/grantform.config.ts',
        '--credentials-out',
        credentials,
      ],
      { env: baseEnv({}), until: '  client env' },
    );
    url = emulator.url;
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** Runs `run.sh client` against the shared emulator; returns its `client …:` line's JSON. */
  async function runClient(client: string): Promise<unknown> {
    const { stdout } = await promisify(execFile)('bash', [RUN, client], {
      env: baseEnv({ GRANTFORM_EMULATOR_URL: url, GRANTFORM_CREDENTIALS: credentials }),
      timeout: 60_000,
    });
    const line = stdout.split('\n').find((l) => l.startsWith(`client ${client}: `));
    return JSON.parse(line?.slice(`client ${client}: `.length) ?? 'null');
  }

  /** The emulator's log of requests to `host` (newest first), as `METHOD path status`. */
  async function requestsTo(host: string): Promise<string[]> {
    const res = await fetch(`${url}/_emulator/requests?host=${host}&limit=1000`);
    const { items } = (await res.json()) as { items: { method: string; path: string; status: number }[] };
    return items.map((e) => `${e.method} ${e.path} ${e.status}`);
  }

  it.skipIf(!tools.curl)('curl: token from the real auth host, then REST on the host the response names', async () => {
    // WHEN the shell client runs
    const before = (await requestsTo(AUTH_HOST)).length;
    const context = await runClient('curl');
    // THEN it read the token context, and the emulator saw both requests by their real host names
    expect(context).toEqual(TOKEN_CONTEXT);
    expect((await requestsTo(AUTH_HOST)).length).toBe(before + 1);
    expect((await requestsTo(REST_HOST))[0]).toBe('GET /platform/v1/tokencontext 200');
  });

  it.skipIf(!tools.python)('Python urllib.request: the same, with the proxy and CA from the environment', async () => {
    const before = (await requestsTo(AUTH_HOST)).length;
    expect(await runClient('python')).toEqual(TOKEN_CONTEXT);
    expect((await requestsTo(AUTH_HOST)).length).toBe(before + 1);
    expect((await requestsTo(REST_HOST))[0]).toBe('GET /platform/v1/tokencontext 200');
  });

  it.skipIf(!tools.java)('Java 17 java.net.http.HttpClient: the same, with JAVA_TOOL_OPTIONS only', async () => {
    const before = (await requestsTo(AUTH_HOST)).length;
    expect(await runClient('java')).toEqual(TOKEN_CONTEXT);
    expect((await requestsTo(AUTH_HOST)).length).toBe(before + 1);
    expect((await requestsTo(REST_HOST))[0]).toBe('GET /platform/v1/tokencontext 200');
  });

  it('sfmc-sdk in a child Node process: rest.get tokenContext and a SOAP retrieve', async () => {
    // WHEN the Node client runs (sfmc-sdk with the real auth URL; axios takes HTTPS_PROXY from the environment)
    const result = await runClient('node');
    // THEN
    expect(result).toEqual({ tokenContext: TOKEN_CONTEXT, businessUnits: [{ ID: 301, Name: 'Contoso Reporting' }] });
    expect((await requestsTo(`${SUBDOMAIN}.soap.marketingcloudapis.com`))[0]).toBe('POST /service.asmx 200');
  });
});
