/**
 * The packages as a user gets them: packed once with `pnpm pack` (publishConfig applied, each
 * `prepack` building), checked (no tests, fixtures or benchmarks; sizes printed), then installed
 * from the tarballs into two projects outside the workspace, with npm and with pnpm (strict
 * node_modules), neither with cdktf. In each project: plain `node` imports every package; the
 * `.d.ts` files type-check a consumer; `npx grantform synth` and `npx grantform up --once --port 0`;
 * a vitest test and a `node --test` test use `@grantform/testing` to route
 * https://{tssd}.auth.marketingcloudapis.com into the emulator and get a token; `npx grantform-emulator`
 * serves a token to curl, seeded from the manifest and from grantform.config.ts.
 *
 * Only the installs reach a registry (the npm registry, for the packages' own dependencies); every
 * other request goes to 127.0.0.1. Runs from `pnpm run test:pack` (part of `test:all`).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../packages/engine/src/version.js';
import {
  cleanEnv,
  diskBytes,
  installProject,
  type Manager,
  type PackageName,
  packAll,
  ROOT,
  removeUnlessKept,
  sh,
  startListening,
  type Tarball,
  tarballFiles,
} from './pack.js';

const MANAGERS: readonly Manager[] = ['npm', 'pnpm'];
const terraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
const SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';

let work = '';
let tarballs: Record<PackageName, Tarball>;
const projects = {} as Record<Manager, string>;

/** A vitest test of the consumer's own: the vendor host routed into an in-process emulator. */
const VITEST_TEST = `import '@grantform/testing/vitest';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import { afterEach, expect, it } from 'vitest';
import app from './grantform.config.js';

let emulator: TestEmulator | undefined;
afterEach(async () => {
  await emulator?.dispose();
});

it('gets a token from https://{tssd}.auth.marketingcloudapis.com, routed into the emulator', async () => {
  emulator = await startEmulator({ app });
  emulator.route();
  const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
  const res = await fetch(\`https://\${crm.subdomain}.auth.marketingcloudapis.com/v2/token\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: crm.clientId,
      client_secret: crm.clientSecret,
      account_id: 101,
    }),
  });
  const body = (await res.json()) as { access_token?: string; token_type?: string };
  expect(res.status).toBe(200);
  expect(body.token_type).toBe('Bearer');
  expect(body.access_token).toMatch(/^ey/);
});
`;

/** The same with Node's own test runner, in plain JavaScript. */
const NODE_TEST = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '@grantform/engine/config';
import { startEmulator } from '@grantform/testing';

test('gets a token from the routed vendor host', async () => {
  // Node runs no TypeScript: the engine's loader compiles grantform.config.ts
  const emulator = await startEmulator({ app: await loadConfig('grantform.config.ts') });
  emulator.route();
  try {
    const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
    const res = await fetch(\`https://\${crm.subdomain}.auth.marketingcloudapis.com/v2/token\`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: crm.clientId,
        client_secret: crm.clientSecret,
        account_id: 101,
      }),
    });
    assert.equal(res.status, 200);
    assert.match((await res.json()).access_token, /^ey/);
  } finally {
    await emulator.dispose();
  }
});
`;

/** Least privilege in a consumer: `emulator.usage()`, the usage exported for `grantform advise`. */
const USAGE_TEST = `import '@grantform/testing/vitest';
import { writeFile } from 'node:fs/promises';
import { grantingScope, scopeRequirement } from '@grantform/config/scope-requirements';
import { renderUsageReport } from '@grantform/config/usage';
import { startEmulator } from '@grantform/testing';
import { expect, it } from 'vitest';
import app from './grantform.config.js';

it('reports the one scope the job used, and exports the usage', async () => {
  const emulator = await startEmulator({ app });
  emulator.route();
  try {
    const crm = emulator.credentials.get('acme/crm-sync/api', 'server-to-server');
    const token = await emulator.token('acme/crm-sync/api', { accountId: 101 });
    const res = await fetch(new URL('data/v1/customobjectdata/key/orders/rowset', crm.restUrl), {
      headers: { authorization: \`Bearer \${token.access_token}\` },
    });
    expect(res.status).toBe(404);
    const report = await emulator.usage();
    const job = report.integrations.find((i) => i.address === 'acme/crm-sync/api');
    expect(job?.usedScopes).toEqual(['data_extensions_read']);
    const row = scopeRequirement('marketing-cloud', 'rest', 'GET /data/v1/customobjectdata/key/{key}/rowset');
    expect(grantingScope(row, ['data_extensions_read'])).toBe('data_extensions_read');
    expect(renderUsageReport(report)).toContain('  used scopes       data_extensions_read\\n');
    await writeFile('usage.json', JSON.stringify(await emulator.usageExport()));
  } finally {
    await emulator.dispose();
  }
});
`;

/** Plain node: every entry point imports; @grantform/config/cdktf says what is missing. */
const IMPORTS = `const entries = ['@grantform/config', '@grantform/config/scopes', '@grantform/emulator',
  '@grantform/emulator/server', '@grantform/emulator/cli', '@grantform/emulator/app-center', '@grantform/testing',
  '@grantform/engine', '@grantform/engine/config', '@grantform/terraform-plugin', '@grantform/terraform-provider'];
const loaded = {};
for (const entry of entries) loaded[entry] = Object.keys(await import(entry)).length > 0;
let cdktf = null;
try {
  await import('@grantform/config/cdktf');
} catch (err) {
  cdktf = { code: err.code, message: err.message };
}
console.log(JSON.stringify({ loaded, cdktf }));
`;

/** A consumer's TypeScript against the published .d.ts files. */
const TYPES_CHECK = `import { GrantformApp, type Manifest, synth, Tenant } from '@grantform/config';
import { createEmulator, type EmulatorOptions, mcContext } from '@grantform/emulator';
import { startEmulatorServer } from '@grantform/emulator/server';
import { loadConfig, VERSION, verify } from '@grantform/engine';
import { startEmulator, type TestEmulator } from '@grantform/testing';

const app = new GrantformApp();
new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
const manifest: Manifest = synth(app);
const options: EmulatorOptions = { headlessAuthorize: true };
const emulator = createEmulator(options);
const started: Promise<TestEmulator> = startEmulator({ manifest });
export const used = [manifest.apiVersion, mcContext(emulator.context).store, started, startEmulatorServer, loadConfig, VERSION, verify];
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ['types-check.ts'],
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'grantform-pack-'));
  tarballs = await packAll(join(work, 'tarballs'));
  const config = await readFile(join(ROOT, 'examples/basic/grantform.config.ts'), 'utf8');
  await Promise.all(
    MANAGERS.map(async (manager) => {
      const dir = join(work, manager);
      projects[manager] = dir;
      await installProject(dir, manager, tarballs, { devDependencies: { typescript: '5.9.3', vitest: '4.1.12' } });
      await writeFile(join(dir, 'grantform.config.ts'), config);
      await writeFile(join(dir, 'token.test.ts'), VITEST_TEST);
      await writeFile(join(dir, 'token.node-test.mjs'), NODE_TEST);
      await writeFile(join(dir, 'imports.mjs'), IMPORTS);
      await writeFile(join(dir, 'types-check.ts'), TYPES_CHECK);
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    }),
  );
}, 600_000);

afterAll(async () => {
  if (work !== '') await removeUnlessKept(work);
});

describe('the tarballs', () => {
  it('hold the built package and nothing for its own development', async () => {
    const rows: string[] = [];
    for (const t of Object.values(tarballs)) {
      // GIVEN a tarball WHEN listed
      const files = await tarballFiles(t.path);
      // THEN no tests, fixtures, benchmarks, sources or build leftovers
      const unwanted = files.filter((f) =>
        /(^|\/)src\/|\.test\.|\.case\.|fixture|(^|\/)testing\/|bench|\.tsbuildinfo$|emulator\.inputs\.json$/i.test(f),
      );
      expect({ name: t.name, unwanted }).toEqual({ name: t.name, unwanted: [] });
      // AND the entry points, their types and their source maps
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
      expect(files).toContain('dist/index.js.map');
      rows.push(`${t.name.padEnd(20)} ${(t.bytes / 1024).toFixed(1).padStart(7)} KiB packed, ${files.length} files`);
    }
    console.log(`tarball sizes:\n${rows.join('\n')}`);
  });

  it('ship their bins and publish exports with types into dist/', async () => {
    const pkg = JSON.parse(
      (await sh('tar', ['xzf', tarballs['@grantform/engine'].path, '-O', 'package/package.json'], { cwd: work }))
        .stdout,
    ) as { bin: Record<string, string>; exports: Record<string, { types: string }>; dependencies: object };
    expect(pkg.bin).toEqual({ grantform: './dist/bin/grantform.mjs' });
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.dependencies).toMatchObject({ '@grantform/config': VERSION, '@grantform/emulator': VERSION });
    expect(await tarballFiles(tarballs['@grantform/emulator'].path)).toEqual(
      expect.arrayContaining(['dist/grantform-emulator.mjs', 'dist/emulator.mjs']),
    );
  });
});

describe.each(MANAGERS)('installed with %s, without cdktf', (manager) => {
  const dir = () => projects[manager];
  const npx = (args: string[], timeoutMs = 120_000) => sh('npx', ['--no', '--', ...args], { cwd: dir(), timeoutMs });

  it('has no cdktf, and prints its install size', async () => {
    await expect(stat(join(dir(), 'node_modules/cdktf'))).rejects.toMatchObject({ code: 'ENOENT' });
    console.log(
      `${manager}: node_modules ${((await diskBytes(join(dir(), 'node_modules'))) / 2 ** 20).toFixed(1)} MiB`,
    );
  });

  it('imports every package with plain node; @grantform/config/cdktf names the missing peers', async () => {
    const { stdout } = await sh(process.execPath, ['imports.mjs'], { cwd: dir() });
    const result = JSON.parse(stdout) as { loaded: Record<string, boolean>; cdktf: { code: string; message: string } };
    expect(Object.values(result.loaded)).toEqual(Array(11).fill(true));
    expect(result.cdktf).toEqual({
      code: 'ERR_CDKTF_MISSING',
      message:
        '@grantform/config/cdktf needs the optional peer dependencies cdktf and @cdktf/provider-null, which are not installed: npm install --save-dev cdktf@0.21.0 @cdktf/provider-null@11.0.1',
    });
  });

  it('type-checks a consumer against the published .d.ts files', async () => {
    await npx(['tsc', '-p', 'tsconfig.json']);
  });

  it('npx grantform --version and synth: the manifest, and one line on how to get Terraform JSON', async () => {
    expect((await npx(['grantform', '--version'])).stdout).toBe(`${VERSION}\n`);
    const { stdout } = await npx(['grantform', 'synth']);
    expect(stdout).toBe(
      [
        'synthesized 9 resources',
        '  manifest   .grantform/synth/manifest.json',
        '  terraform  not written (optional cdktf and @cdktf/provider-null not installed): npm install --save-dev cdktf@0.21.0 @cdktf/provider-null@11.0.1, then synth again',
        '',
      ].join('\n'),
    );
    const manifest = JSON.parse(await readFile(join(dir(), '.grantform/synth/manifest.json'), 'utf8')) as {
      resources: unknown[];
    };
    expect(manifest.resources).toHaveLength(9);
  });

  it('names the file and line where a config fails to compile or throws', async () => {
    // GIVEN a config with a syntax error on line 2, and one throwing from line 3
    await writeFile(join(dir(), 'syntax.config.ts'), 'export default {};\nconst y: number = ;\n');
    await writeFile(
      join(dir(), 'throws.config.ts'),
      "type T = string;\nfunction fail(): never {\n  throw new Error('no tenants');\n}\nfail();\nexport default {};\n",
    );
    // WHEN synthesized
    const failure = (config: string) =>
      npx(['grantform', 'synth', '--config', config]).then(
        () => '',
        (err: Error) => err.message,
      );
    // THEN
    const syntax = join(dir(), 'syntax.config.ts');
    const throws = join(dir(), 'throws.config.ts');
    expect(await failure('syntax.config.ts')).toContain(
      `error[ERR_CONFIG_LOAD]: ${syntax} failed to compile (1 error, listed below)\n  - ${syntax}:2:19: Unexpected ";"\n`,
    );
    expect(await failure('throws.config.ts')).toContain(
      `error[ERR_CONFIG_LOAD]: ${throws} failed to load: no tenants (at ${throws}:3:9)\n`,
    );
  });

  it('npx grantform terraform install --dir: the packaged provider, which terraform init finds offline and asks for its schema', async () => {
    // GIVEN the project (it has @grantform/terraform-provider) WHEN the provider is installed into a plugin directory
    const { stdout } = await npx(['grantform', 'terraform', 'install', '--dir', 'plugins', '--json']);
    const installed = JSON.parse(stdout) as { source: string; version: string; executable: string; cliConfig: string };
    // THEN the launcher and the prebuilt bundle are there, in the mirror layout
    expect({ source: installed.source, version: installed.version }).toEqual({
      source: 'grantform/grantform',
      version: VERSION,
    });
    expect(
      installed.executable.startsWith(join(dir(), 'plugins/registry.terraform.io/grantform/grantform', VERSION)),
    ).toBe(true);
    expect(installed.executable.endsWith(`/terraform-provider-grantform_v${VERSION}`)).toBe(true);
    expect((await stat(installed.executable)).mode & 0o111).not.toBe(0);
    await stat(join(installed.executable, '..', 'provider.mjs'));
    if (!terraform) {
      console.warn(`${manager}: the terraform init check is skipped, \`terraform\` is not on PATH`);
      return;
    }
    // AND terraform, with only the printed CLI configuration and an empty HOME, inits offline and reads the schema
    const tfDir = join(dir(), 'tf');
    await mkdir(join(tfDir, 'home'), { recursive: true });
    await writeFile(join(tfDir, 'terraform.rc'), installed.cliConfig);
    await writeFile(
      join(tfDir, 'main.tf'),
      `terraform {\n  required_providers {\n    grantform = { source = "grantform/grantform", version = "${VERSION}" }\n  }\n}\n`,
    );
    const env = cleanEnv({
      HOME: join(tfDir, 'home'),
      TF_CLI_CONFIG_FILE: join(tfDir, 'terraform.rc'),
      CHECKPOINT_DISABLE: '1',
    });
    const init = await sh('terraform', ['init', '-no-color'], { cwd: tfDir, env });
    expect(init.stdout).toContain(`- Installing grantform/grantform v${VERSION}...`);
    const schema = JSON.parse(
      (await sh('terraform', ['providers', 'schema', '-json'], { cwd: tfDir, env })).stdout,
    ) as {
      provider_schemas: Record<string, { resource_schemas: Record<string, unknown> }>;
    };
    expect(
      Object.keys(schema.provider_schemas['registry.terraform.io/grantform/grantform']?.resource_schemas ?? {}),
    ).toContain('grantform_api_integration');
  });

  it('npx grantform up --once --port 0 applies and verifies', async () => {
    const { stdout } = await npx(['grantform', 'up', '--once', '--port', '0']);
    expect(stdout).toContain('Apply complete! Resources: 9 added, 0 changed, 0 replaced, 0 destroyed.');
    expect(stdout).toContain('Verified: 13 passed, 0 failed, 0 skipped (1 attempt).');
    expect(stdout).toContain('grantform up: applied and verified.');
  });

  it("runs the project's vitest test with @grantform/testing", async () => {
    const { stdout } = await npx(['vitest', 'run', 'token.test.ts']);
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
  });

  it("runs the project's node --test test with @grantform/testing", async () => {
    const { stdout } = await sh(process.execPath, ['--test', 'token.node-test.mjs'], { cwd: dir() });
    expect(stdout).toMatch(/^# pass 1$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });

  it('npx grantform-emulator seeded from the manifest serves a token to curl', async () => {
    // GIVEN the standalone emulator, seeded from the synthesized manifest
    const emulator = await startListening(
      'npx',
      [
        '--no',
        '--',
        'grantform-emulator',
        '--seed',
        '.grantform/synth/manifest.json',
        '--port',
        '0',
        '--credentials-out',
        'creds.json',
      ],
      { cwd: dir() },
    );
    try {
      const creds = JSON.parse(await readFile(join(dir(), 'creds.json'), 'utf8')) as {
        credentials: { address: string; clientId: string; clientSecret?: string }[];
      };
      const crm = creds.credentials.find((c) => c.address === 'acme/crm-sync/api');
      // WHEN curl asks for a token
      const { stdout } = await sh(
        'curl',
        [
          '-s',
          '-w',
          '\n%{http_code}',
          '-X',
          'POST',
          '-H',
          'content-type: application/json',
          '-d',
          JSON.stringify({
            grant_type: 'client_credentials',
            client_id: crm?.clientId,
            client_secret: crm?.clientSecret,
            account_id: 101,
          }),
          `${emulator.url}/${SUBDOMAIN}.auth.marketingcloudapis.com/v2/token`,
        ],
        { cwd: dir() },
      );
      // THEN
      const [body, status] = stdout.split('\n');
      expect(status).toBe('200');
      expect(JSON.parse(body ?? '{}')).toMatchObject({
        token_type: 'Bearer',
        access_token: expect.stringMatching(/^ey/),
      });
    } finally {
      await emulator.stop();
    }
    expect(emulator.output()).toContain('grantform emulator stopped\n');
  });

  it('npx grantform-emulator --tls serves the real https:// host name to curl configured by `env` alone', async () => {
    // GIVEN the installed standalone emulator with its CA, proxy and HTTPS side (compiled dist, its own dependencies)
    const emulator = await startListening(
      'npx',
      ['--no', '--', 'grantform-emulator', '--port', '0', '--tls', '--tls-dir', 'tls', '--proxy-port', '0'],
      { cwd: dir() },
    );
    try {
      // WHEN `grantform-emulator env` prints the variables and curl runs with them only
      const { stdout: dotenv } = await sh(
        'npx',
        ['--no', '--', 'grantform-emulator', 'env', '--url', emulator.url, '--format', 'dotenv'],
        { cwd: dir() },
      );
      const vars = Object.fromEntries(
        dotenv
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      const { stdout } = await sh(
        'curl',
        ['-sS', `https://${SUBDOMAIN}.auth.marketingcloudapis.com/.well-known/openid-configuration`],
        {
          cwd: dir(),
          env: { PATH: process.env.PATH ?? '', ...vars },
        },
      );
      // THEN it reached the emulator by the real name, over TLS, trusting its CA
      expect((JSON.parse(stdout) as { issuer: string }).issuer).toBe(
        `https://${SUBDOMAIN}.auth.marketingcloudapis.com/`,
      );
      expect(vars.CURL_CA_BUNDLE).toBe(join(dir(), 'tls', 'ca-bundle.pem'));
    } finally {
      await emulator.stop();
    }
  });

  it("npx grantform-emulator seeds from grantform.config.ts too (with the project's engine)", async () => {
    // GIVEN the standalone emulator seeded from the TypeScript config
    const emulator = await startListening(
      'npx',
      ['--no', '--', 'grantform-emulator', '--seed', 'grantform.config.ts', '--port', '0'],
      { cwd: dir() },
    );
    try {
      // WHEN asked for its health
      const health = await (await fetch(`${emulator.url}/_emulator/health`)).json();
      // THEN it serves the config's tenant
      expect(health).toMatchObject({ status: 'ok', version: VERSION });
      expect(emulator.output()).toContain(`    acme         ${emulator.url}/${SUBDOMAIN}.auth.marketingcloudapis.com/`);
    } finally {
      await emulator.stop();
    }
  });

  it('npx grantform advise reads the usage a test exported and prints the config diff', async () => {
    // GIVEN the project's vitest test that uses emulator.usage() and exports the usage
    await writeFile(join(dir(), 'usage.test.ts'), USAGE_TEST);
    const { stdout } = await npx(['vitest', 'run', 'usage.test.ts']);
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
    // AND a copy of the config whose crm-sync scopes are a literal (the example builds them with scopes.readWrite)
    const config = await readFile(join(dir(), 'grantform.config.ts'), 'utf8');
    const literal = config.replace(
      "scopes: [...scopes.readWrite('dataExtensions', 'listAndSubscribers'), 'email_send'],",
      "scopes: ['data_extensions_read', 'data_extensions_write', 'list_and_subscribers_read', 'list_and_subscribers_write', 'email_send'],",
    );
    expect(literal).not.toBe(config);
    await writeFile(join(dir(), 'literal.config.ts'), literal);
    // WHEN the installed bin advises from that file
    const advised = await npx([
      'grantform',
      'advise',
      '--config',
      'literal.config.ts',
      '--usage',
      'usage.json',
      '--json',
    ]);
    const json = JSON.parse(advised.stdout) as {
      findings: { unused: boolean; missing: boolean };
      changes: { address: string; field: string; to: unknown; located: unknown }[];
      patch: string;
    };
    // THEN it narrows the job's scopes and business units in the config, as a diff
    expect(json.findings).toEqual({ unused: true, missing: false });
    expect(json.changes.map((c) => [c.address, c.field, c.to])).toEqual([
      ['acme/crm-sync/api', 'scopes', ['data_extensions_read']],
      ['acme/crm-sync/api', 'businessUnits', [101]],
    ]);
    expect(json.changes.map((c) => c.located)).toEqual([{ line: 29 }, { line: 30 }]);
    expect(json.patch).toBe(
      [
        '--- a/literal.config.ts',
        '+++ b/literal.config.ts',
        '@@ -27,6 +27,6 @@',
        " acme.addPackage('crm-sync', { description: 'Nightly CRM to data extension sync' }).addApiIntegration({",
        "   type: 'server-to-server',",
        "-  scopes: ['data_extensions_read', 'data_extensions_write', 'list_and_subscribers_read', 'list_and_subscribers_write', 'email_send'],",
        '-  businessUnits: [101, 102],',
        "+  scopes: ['data_extensions_read'],",
        '+  businessUnits: [101],',
        ' });',
        ' ',
        '',
      ].join('\n'),
    );
  });
});
