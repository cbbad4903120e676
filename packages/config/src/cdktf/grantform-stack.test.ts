import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from '../errors.js';
import { sampleApp } from '../sample-app.case.js';
import { resourceSpecHash } from '../serialize.js';
import { synth } from '../synth.js';
import { GrantformStack, terraformName } from './grantform-stack.js';
import { synthTerraform } from './synth-terraform.js';

interface NullResourceJson {
  triggers: Record<string, string>;
  depends_on?: string[];
  provisioner: { 'local-exec': { command: string; when: string } }[];
}

function stackJson(props: Omit<ConstructorParameters<typeof GrantformStack>[2], 'source'> = {}) {
  const stack = new GrantformStack(Testing.app(), 'grantform', { source: sampleApp(), ...props });
  const json = Testing.synth(stack, true);
  return { json, resources: JSON.parse(json).resource.null_resource as Record<string, NullResourceJson> };
}

describe('GrantformStack', () => {
  it('has one null_resource per manifest resource, named after its address', () => {
    // WHEN
    const { json, resources } = stackJson();
    // THEN
    expect(Object.keys(resources)).toEqual([
      'acme',
      'acme_cli',
      'acme_cli_api',
      'acme_cli_app',
      'acme_crm-sync',
      'acme_crm-sync_api',
      'acme_portal',
      'acme_portal_api',
    ]);
    expect(Testing.toHaveProvider(json, 'null')).toBe(true);
  });

  it('stores the spec hash and the command values in triggers', () => {
    // GIVEN
    const manifest = synth(sampleApp());
    const api = manifest.resources.find((r) => r.address === 'acme/crm-sync/api')!;
    // WHEN
    const { json, resources } = stackJson({ configPath: '../../grantform.config.ts' });
    // THEN
    expect(resources['acme_crm-sync_api']?.triggers).toEqual({
      address: 'acme/crm-sync/api',
      spec_hash: resourceSpecHash(api),
      command: 'grantform',
      config: '../../grantform.config.ts',
    });
    expect(Testing.toHaveResourceWithProperties(json, 'null_resource', { triggers: { address: 'acme' } })).toBe(true);
  });

  it('follows dependsOn with depends_on', () => {
    const { resources } = stackJson();
    expect(resources.acme?.depends_on).toBeUndefined();
    expect(resources['acme_crm-sync']?.depends_on).toEqual(['null_resource.acme']);
    expect(resources['acme_crm-sync_api']?.depends_on).toEqual(['null_resource.acme_crm-sync']);
    expect(resources.acme_cli_app?.depends_on).toEqual(['null_resource.acme_cli']);
  });

  it('applies on create and destroys at destroy time from self.triggers', () => {
    // WHEN
    const { resources } = stackJson({
      configPath: 'grantform.config.ts',
      command: 'npx grantform',
      target: 'emulator',
      endpoint: 'http://127.0.0.1:4010',
      statePath: '../state.json',
    });
    // THEN
    expect(resources.acme_portal_api?.provisioner).toEqual([
      {
        'local-exec': {
          command:
            "npx grantform apply --address 'acme/portal/api' --auto-approve --config 'grantform.config.ts' --target 'emulator' --endpoint 'http://127.0.0.1:4010' --state '../state.json'",
          when: 'create',
        },
      },
      {
        'local-exec': {
          command:
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, not a JS template
            "${self.triggers.command} destroy --address '${self.triggers.address}' --auto-approve --config '${self.triggers.config}' --target '${self.triggers.target}' --endpoint '${self.triggers.endpoint}' --state '${self.triggers.state}'",
          when: 'destroy',
        },
      },
    ]);
    expect(resources.acme_portal_api?.triggers).toMatchObject({
      command: 'npx grantform',
      target: 'emulator',
      endpoint: 'http://127.0.0.1:4010',
      state: '../state.json',
    });
  });

  it('changes only the spec_hash of the resource whose spec changed', () => {
    // GIVEN two manifests differing in one package description
    const before = synth(sampleApp());
    const after = {
      ...before,
      resources: before.resources.map((r) =>
        r.kind === 'installed-package' && r.address === 'acme/crm-sync'
          ? { ...r, spec: { ...r.spec, description: 'v2' } }
          : r,
      ),
    };
    const hashes = (m: typeof before) =>
      Object.fromEntries(
        Object.entries(
          (synthTerraform(m) as { resource: { null_resource: Record<string, NullResourceJson> } }).resource
            .null_resource,
        ).map(([k, v]) => [k, v.triggers.spec_hash]),
      );
    // WHEN
    const a = hashes(before);
    const b = hashes(after);
    // THEN
    expect(Object.keys(b).filter((k) => a[k] !== b[k])).toEqual(['acme_crm-sync']);
  });

  it('escapes Terraform template sequences and refuses single quotes in values', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ that Terraform must not interpolate
    const { resources } = stackJson({ configPath: 'dir ${x}/grantform.config.ts' });
    expect(resources.acme?.triggers.config).toBe('dir $${x}/grantform.config.ts');
    expect(() => stackJson({ configPath: "it's.ts" })).toThrow(
      "GrantformStack: --config must not contain a single quote: it's.ts",
    );
  });

  it('refuses an invalid app with ConfigValidationError', () => {
    const app = sampleApp();
    app.tenants()[0]!.addPackage('BAD');
    expect(() => new GrantformStack(Testing.app(), 'grantform', { source: app })).toThrow(ConfigValidationError);
  });
});

describe('synthTerraform', () => {
  it('returns sorted Terraform JSON without cdktf metadata, identical on every run', () => {
    // WHEN
    const first = JSON.stringify(synthTerraform(sampleApp()));
    const second = JSON.stringify(synthTerraform(synth(sampleApp())));
    // THEN
    expect(second).toBe(first);
    expect(first).not.toContain('"//"');
    const tf = JSON.parse(first);
    expect(Object.keys(tf)).toEqual(['provider', 'resource', 'terraform']);
    expect(tf.terraform).toEqual({ required_providers: { null: { source: 'null', version: '3.2.4' } } });
  });

  it('names resources like terraformName', () => {
    expect(terraformName('acme/crm-sync/api')).toBe('acme_crm-sync_api');
  });
});
