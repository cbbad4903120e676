import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseManifest } from '@grantform/config';
import { CdktfPeersMissingError } from '@grantform/config/cdktf';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { writeFilesAtomically } from '../run-synth.js';
import { createSynthCommand } from './synth.js';

const CONFIG_ENTRY = pathToFileURL(resolve(import.meta.dirname, '../../../../config/src/index.ts')).href;

const VALID = `import { GrantformApp, Tenant } from '${CONFIG_ENTRY}';
const app = new GrantformApp();
const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme', children: [{ mid: 101, name: 'US' }] } });
acme.addPackage('crm-sync').addApiIntegration({ type: 'server-to-server', scopes: ['email_send'], businessUnits: [101] });
export default app;
`;

const INVALID = `import { GrantformApp, Tenant } from '${CONFIG_ENTRY}';
const app = new GrantformApp();
const acme = new Tenant(app, 'acme', { stackKey: 'x', enterprise: { mid: 100, name: 'Acme' } });
acme.addPackage('portal').addApiIntegration({ type: 'web-app', scopes: ['email_read'], redirectUris: ['https://localhost/cb'] });
export default app;
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantform-synth-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = async (...args: string[]) => {
  const io = memoryIo({ cwd: dir });
  const code = await main(['node', 'grantform', 'synth', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

describe('grantform synth', () => {
  it('writes manifest.json and terraform/main.tf.json under .grantform/synth by default', async () => {
    // GIVEN
    await writeFile(join(dir, 'grantform.config.ts'), VALID);
    // WHEN
    const { code, out, err } = await run();
    // THEN
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(
      'synthesized 3 resources\n  manifest   .grantform/synth/manifest.json\n  terraform  .grantform/synth/terraform/main.tf.json\n',
    );
    const manifest = parseManifest(await readFile(join(dir, '.grantform/synth/manifest.json'), 'utf8'));
    expect(manifest.resources.map((r) => r.address)).toEqual(['acme', 'acme/crm-sync', 'acme/crm-sync/api']);
    const tf = JSON.parse(await readFile(join(dir, '.grantform/synth/terraform/main.tf.json'), 'utf8'));
    expect(tf.resource.null_resource['acme_crm-sync_api'].provisioner[0]).toEqual({
      'local-exec': {
        command:
          "grantform apply --address 'acme/crm-sync/api' --auto-approve --config '../../../grantform.config.ts' --state '../../state.json' --lock-timeout '5m'",
        when: 'create',
      },
    });
    expect(await readdir(join(dir, '.grantform/synth'))).toEqual(['manifest.json', 'terraform']);
  });

  it('takes --config, --out and the provisioner flags; output is byte-identical across runs', async () => {
    // GIVEN
    await mkdir(join(dir, 'conf'));
    await writeFile(join(dir, 'conf/app.config.ts'), VALID);
    const args = [
      '--config',
      'conf/app.config.ts',
      '--out',
      'out',
      '--target',
      'emulator',
      '--grantform-command',
      'npx grantform',
    ];
    // WHEN
    expect((await run(...args)).code).toBe(0);
    const first = await readFile(join(dir, 'out/manifest.json'), 'utf8');
    const firstTf = await readFile(join(dir, 'out/terraform/main.tf.json'), 'utf8');
    expect((await run(...args)).code).toBe(0);
    // THEN
    expect(await readFile(join(dir, 'out/manifest.json'), 'utf8')).toBe(first);
    expect(await readFile(join(dir, 'out/terraform/main.tf.json'), 'utf8')).toBe(firstTf);
    expect(JSON.parse(firstTf).resource.null_resource.acme.triggers).toMatchObject({
      command: 'npx grantform',
      config: '../../conf/app.config.ts',
      target: 'emulator',
      state: '../../.grantform/state.json',
    });
  });

  it('exits 1 listing every validation issue and writes nothing', async () => {
    // GIVEN an invalid config and output from an earlier run
    await writeFile(join(dir, 'grantform.config.ts'), INVALID);
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out/manifest.json'), 'previous\n');
    // WHEN
    const { code, out, err } = await run('--out', 'out');
    // THEN
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      [
        'error[ERR_CONFIG_INVALID]: the grantform configuration has 2 problems; fix every one listed below',
        "  - acme.stackKey: stackKey 'x' is not a stack key: write 'S' and the stack number, e.g. 'S7' (the number in host names such as auth-s7.exacttargetapis.com)",
        "  - acme/portal/api.redirectUris[0]: 'https://localhost/cb' uses localhost, which Marketing Cloud rejects: use 127.0.0.1, e.g. 'https://127.0.0.1/cb'",
        '',
      ].join('\n'),
    );
    expect(await readdir(join(dir, 'out'))).toEqual(['manifest.json']);
    expect(await readFile(join(dir, 'out/manifest.json'), 'utf8')).toBe('previous\n');
  });

  it('exits 1 when the config file is missing', async () => {
    const { code, err } = await run();
    expect(code).toBe(1);
    expect(err).toBe(
      `error[ERR_CONFIG_NOT_FOUND]: no config file at ${join(dir, 'grantform.config.ts')}: create grantform.config.ts there (see examples/basic) or pass --config FILE\n`,
    );
  });

  it('without cdktf installed, writes the manifest and says in one line how to get the Terraform JSON', async () => {
    // GIVEN a valid config, and @grantform/config/cdktf failing as it does without its optional peers
    await writeFile(join(dir, 'grantform.config.ts'), VALID);
    const io = memoryIo({ cwd: dir });
    const program = new Command('grantform').exitOverride();
    createSynthCommand({
      loadCdktf: () => Promise.reject(new CdktfPeersMissingError(['cdktf', '@cdktf/provider-null'])),
    })(program, io);
    // WHEN
    await program.parseAsync(['node', 'grantform', 'synth']);
    // THEN
    expect(io.err()).toBe('');
    expect(io.out()).toBe(
      [
        'synthesized 3 resources',
        '  manifest   .grantform/synth/manifest.json',
        '  terraform  not written (optional cdktf and @cdktf/provider-null not installed): npm install --save-dev cdktf@0.21.0 @cdktf/provider-null@11.0.1, then synth again',
        '',
      ].join('\n'),
    );
    expect(await readdir(join(dir, '.grantform/synth'))).toEqual(['manifest.json']);
    const manifest = parseManifest(await readFile(join(dir, '.grantform/synth/manifest.json'), 'utf8'));
    expect(manifest.resources).toHaveLength(3);
  });

  it('has --help', async () => {
    const io = memoryIo({ cwd: dir });
    expect(await main(['node', 'grantform', 'synth', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: grantform synth [options]');
    expect(io.out()).toContain('Writes <out>/manifest.json and <out>/terraform/main.tf.json');
  });
});

describe('writeFilesAtomically', () => {
  it('renames nothing and leaves no temporary file when a write fails', async () => {
    // GIVEN the second file's directory cannot be created (a file is in the way)
    await writeFile(join(dir, 'terraform'), 'not a directory');
    // WHEN
    const attempt = writeFilesAtomically([
      { path: join(dir, 'manifest.json'), content: 'a' },
      { path: join(dir, 'terraform/main.tf.json'), content: 'b' },
    ]);
    // THEN
    await expect(attempt).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['terraform']);
  });
});
