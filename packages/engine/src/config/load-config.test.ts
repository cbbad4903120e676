import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigValidationError, GrantformApp, synth } from '@grantform/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigLoadError, loadConfig } from './load-config.js';

/** The config package's entry, imported by absolute URL because temp dirs have no node_modules. */
const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../../config/src/index.ts')).href;

const TREE = `
const app = new GrantformApp();
const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme' } });
acme.addPackage('crm-sync').addApiIntegration({ type: 'server-to-server', scopes: ['email_send'] as const satisfies readonly Scope[] });
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantform-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, body: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, body);
  return file;
}

async function loadError(file: string): Promise<unknown> {
  return loadConfig(file).then(
    () => {
      throw new Error('expected loadConfig to fail');
    },
    (err: unknown) => err,
  );
}

describe('loadConfig', () => {
  it('loads a TypeScript config whose default export is a GrantformApp', async () => {
    // GIVEN a .ts file with type-only syntax (needs a TypeScript loader)
    await write(
      'grantform.config.ts',
      `import { GrantformApp, Tenant, type Scope } from '${CONFIG_ENTRY}';\n${TREE}\nexport default app;\n`,
    );
    // WHEN
    const app = await loadConfig('grantform.config.ts', { cwd: dir });
    // THEN
    expect(GrantformApp.isGrantformApp(app)).toBe(true);
    expect(synth(app).resources.map((r) => r.address)).toEqual(['acme', 'acme/crm-sync', 'acme/crm-sync/api']);
  });

  it('accepts a (async) function returning the app', async () => {
    const file = await write(
      'fn.config.ts',
      `import { GrantformApp, Tenant, type Scope } from '${CONFIG_ENTRY}';\nexport default async (): Promise<GrantformApp> => {${TREE} return app; };\n`,
    );
    expect(synth(await loadConfig(file)).resources).toHaveLength(3);
  });

  it('accepts a plain object (fromObject form), in .ts or .json', async () => {
    // GIVEN
    const object = { tenants: [{ name: 'acme', enterprise: { mid: 1, name: 'A' } }] };
    const ts = await write('object.config.ts', `export default ${JSON.stringify(object)};\n`);
    const json = await write('grantform.config.json', JSON.stringify(object));
    // WHEN / THEN
    expect(synth(await loadConfig(ts)).resources.map((r) => r.address)).toEqual(['acme']);
    expect(synth(await loadConfig(json)).resources.map((r) => r.address)).toEqual(['acme']);
  });

  it('reports a missing file', async () => {
    const err = await loadError(join(dir, 'nope.ts'));
    expect(err).toBeInstanceOf(ConfigLoadError);
    expect(err).toMatchObject({
      code: 'ERR_CONFIG_NOT_FOUND',
      message: `no config file at ${join(dir, 'nope.ts')}: create grantform.config.ts there (see examples/basic) or pass --config FILE`,
    });
  });

  it('reports a missing default export, naming the exports it found', async () => {
    const file = await write('named.config.ts', 'export const app = 1;\n');
    expect(await loadError(file)).toMatchObject({
      code: 'ERR_CONFIG_EXPORT',
      message: `${file} has no default export (it exports: app): add \`export default app\` where app is your GrantformApp`,
    });
  });

  it('reports a default export of the wrong kind', async () => {
    const file = await write('wrong.config.ts', 'export default () => 42;\n');
    expect(await loadError(file)).toMatchObject({
      code: 'ERR_CONFIG_EXPORT',
      message: `${file}: the default export is a function that returned a number; export default a GrantformApp, a function returning one, or a plain configuration object`,
    });
  });

  it('reports a config that throws while loading', async () => {
    const file = await write('throws.config.ts', "throw new Error('boom');\nexport default {};\n");
    const err = await loadError(file);
    expect(err).toMatchObject({ code: 'ERR_CONFIG_LOAD' });
    expect((err as Error).message).toContain('boom');
  });

  it('reports where a config that throws while loading threw, in the original file', async () => {
    // GIVEN a helper that throws on its line 3, imported by the config
    await write(
      'helper.ts',
      "export const ok = 1;\nexport function fail(): never {\n  throw new Error('no tenants');\n}\n",
    );
    const file = await write(
      'throws.config.ts',
      "import { fail } from './helper.js';\ntype T = string;\nfail();\nexport default {};\n",
    );
    // WHEN
    const err = await loadError(file);
    // THEN
    expect(err).toMatchObject({
      code: 'ERR_CONFIG_LOAD',
      message: `${file} failed to load: no tenants (at ${join(dir, 'helper.ts')}:3:9)`,
    });
  });

  it('reports a compile error with file, line and column, and nothing else runs', async () => {
    // GIVEN a syntax error on line 2 of a file the config imports
    await write('broken.ts', 'export const a = 1;\nexport const b = ;\n');
    const file = await write('compile.config.ts', "import { a } from './broken.js';\nexport default { a };\n");
    // WHEN
    const err = await loadError(file);
    // THEN
    expect(err).toBeInstanceOf(ConfigLoadError);
    expect(err).toMatchObject({
      code: 'ERR_CONFIG_LOAD',
      message: `${file} failed to compile (1 error, listed below)`,
      issues: [{ path: `${join(dir, 'broken.ts')}:2:18`, message: 'Unexpected ";"' }],
    });
  });

  it('reports a package the config imports that is not installed', async () => {
    const file = await write(
      'missing.config.ts',
      "import { x } from 'grantform-no-such-package';\nexport default x;\n",
    );
    expect(await loadError(file)).toMatchObject({
      code: 'ERR_CONFIG_LOAD',
      issues: [{ path: `${file}:1:19`, message: 'Could not resolve "grantform-no-such-package"' }],
    });
  });

  it('gives each file its own import.meta (url, dirname, filename)', async () => {
    // GIVEN a config in a sub-directory reading its own location and a helper's
    await mkdir(join(dir, 'conf'));
    await write('conf/where.ts', 'export const helperUrl = import.meta.url;\n');
    const file = await write(
      'conf/meta.config.ts',
      `import { helperUrl } from './where.js';
import { GrantformApp, Tenant } from '${CONFIG_ENTRY}';
const app = new GrantformApp();
new Tenant(app, 'acme', { enterprise: { mid: 100, name: [import.meta.url, import.meta.dirname, import.meta.filename, helperUrl].join(' ') } });
export default app;
`,
    );
    // WHEN
    const manifest = synth(await loadConfig(file));
    // THEN
    const tenant = manifest.resources[0]?.spec as unknown as { businessUnits: { name: string }[] };
    expect(tenant.businessUnits[0]?.name).toBe(
      [pathToFileURL(file).href, join(dir, 'conf'), file, pathToFileURL(join(dir, 'conf/where.ts')).href].join(' '),
    );
  });

  it('reports a malformed plain object with its path', async () => {
    const file = await write('bad.json', JSON.stringify({ tenants: [{ name: 'acme' }] }));
    const err = await loadError(file);
    expect(err).toBeInstanceOf(ConfigValidationError);
    expect((err as ConfigValidationError).issues).toEqual([
      { path: 'tenants[0].enterprise', code: 'ERR_OBJECT_SHAPE', message: 'required: expected object' },
    ]);
  });
});
