/**
 * The stack synthesized to Terraform JSON: one `null_resource` per grantform resource, ordered by
 * `depends_on`, whose provisioners run the grantform CLI; and `src/main.ts` writing it to disk.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { resourceSpecHash, synth } from '@grantform/config';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import grantformApp from '../grantform.config.js';
import { litwareStack } from './stack.js';

interface NullResource {
  triggers: Record<string, string>;
  depends_on?: string[];
  provisioner: { 'local-exec': { when: string; command: string } }[];
}
interface TerraformJson {
  resource: { null_resource: Record<string, NullResource> };
  output: Record<string, { value: string[]; description: string }>;
  terraform: { required_providers: Record<string, { source: string }> };
}

/** A Terraform `${self.triggers.<key>}` reference, as text. */
const self = (key: string): string => `\${self.triggers.${key}}`;

function synthesize(): TerraformJson {
  const stack = litwareStack(Testing.app());
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

describe('examples/terraform', () => {
  it('has one null_resource per grantform resource, created parent first', () => {
    // WHEN
    const tf = synthesize();
    // THEN
    const resources = tf.resource.null_resource;
    expect(Object.keys(resources).sort()).toEqual([
      'litware',
      'litware_dashboard',
      'litware_dashboard_api',
      'litware_data-sync',
      'litware_data-sync_api',
    ]);
    expect(resources['litware_data-sync_api']?.depends_on).toEqual(['null_resource.litware_data-sync']);
    expect(resources['litware_data-sync']?.depends_on).toEqual(['null_resource.litware']);
    expect(resources.litware?.depends_on).toBeUndefined();
    expect(tf.terraform.required_providers.null?.source).toBe('null');
  });

  it('runs grantform apply on create and destroy on destroy, with the stack’s flags', () => {
    const api = synthesize().resource.null_resource['litware_data-sync_api'];
    const manifest = synth(grantformApp);
    const spec = manifest.resources.find((r) => r.address === 'litware/data-sync/api');
    expect(api?.triggers).toEqual({
      address: 'litware/data-sync/api',
      command: 'npx -y pnpm@10 grantform',
      config: '../../../grantform.config.ts',
      endpoint: 'http://127.0.0.1:4010',
      spec_hash: spec ? resourceSpecHash(spec) : 'missing',
      state: '../../../.grantform/state.json',
      target: 'emulator',
    });
    expect(api?.provisioner.map((p) => p['local-exec'])).toEqual([
      {
        when: 'create',
        command:
          "npx -y pnpm@10 grantform apply --address 'litware/data-sync/api' --auto-approve --config '../../../grantform.config.ts' --target 'emulator' --endpoint 'http://127.0.0.1:4010' --state '../../../.grantform/state.json' --lock-timeout '5m'",
      },
      {
        when: 'destroy',
        command: `${self('command')} destroy --address '${self('address')}' --auto-approve --config '${self('config')}' --target '${self('target')}' --endpoint '${self('endpoint')}' --state '${self('state')}' --lock-timeout '5m'`,
      },
    ]);
    expect(
      Testing.toHaveResourceWithProperties(JSON.stringify(synthesize()), 'null_resource', {
        triggers: { address: 'litware/dashboard/api' },
      }),
    ).toBe(true);
  });

  it('outputs the managed addresses', () => {
    expect(synthesize().output.managed_addresses).toEqual({
      description: 'grantform addresses managed by this stack',
      value: ['litware', 'litware/dashboard', 'litware/dashboard/api', 'litware/data-sync', 'litware/data-sync/api'],
    });
  });

  it('src/main.ts writes cdktf.out/stacks/grantform/cdk.tf.json', async () => {
    // GIVEN an empty working directory
    const cwd = await mkdtemp(join(tmpdir(), 'grantform-tf-example-'));
    try {
      // WHEN the cdktf entry runs there
      const tsx = resolve(import.meta.dirname, '../node_modules/.bin/tsx');
      await promisify(execFile)(tsx, [resolve(import.meta.dirname, 'main.ts')], {
        cwd,
        env: { ...process.env, GRANTFORM_ENDPOINT: 'http://127.0.0.1:5999' },
      });
      // THEN
      const written = JSON.parse(await readFile(join(cwd, 'cdktf.out/stacks/grantform/cdk.tf.json'), 'utf8'));
      expect(Object.keys(written.resource.null_resource)).toHaveLength(5);
      expect(written.resource.null_resource.litware.triggers.endpoint).toBe('http://127.0.0.1:5999');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
