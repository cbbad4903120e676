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
            "npx grantform apply --address 'acme/portal/api' --auto-approve --config 'grantform.config.ts' --target 'emulator' --endpoint 'http://127.0.0.1:4010' --state '../state.json' --lock-timeout '5m'",
          when: 'create',
        },
      },
      {
        'local-exec': {
          command:
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, not a JS template
            "${self.triggers.command} destroy --address '${self.triggers.address}' --auto-approve --config '${self.triggers.config}' --target '${self.triggers.target}' --endpoint '${self.triggers.endpoint}' --state '${self.triggers.state}' --lock-timeout '5m'",
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

describe('GrantformStack resourceType terraform_data', () => {
  it('emits the built-in terraform_data (no provider), the same commands, destroy from self.triggers_replace', () => {
    // WHEN
    const tf = synthTerraform(sampleApp(), { resourceType: 'terraform_data', lockTimeout: '2m', command: 'gf' }) as {
      resource: {
        terraform_data: Record<
          string,
          {
            triggers_replace: Record<string, string>;
            depends_on?: string[];
            provisioner: NullResourceJson['provisioner'];
          }
        >;
      };
      provider?: unknown;
      terraform?: unknown;
    };
    // THEN no provider is required, and each resource carries its triggers and commands
    expect(tf.provider).toBeUndefined();
    expect(tf.terraform).toBeUndefined();
    const api = tf.resource.terraform_data['acme_crm-sync_api'];
    expect(api?.depends_on).toEqual(['terraform_data.acme_crm-sync']);
    expect(api?.triggers_replace).toMatchObject({
      address: 'acme/crm-sync/api',
      command: 'gf',
      config: 'grantform.config.ts',
    });
    expect(api?.provisioner.map((p) => p['local-exec'])).toEqual([
      {
        when: 'create',
        command:
          "gf apply --address 'acme/crm-sync/api' --auto-approve --config 'grantform.config.ts' --lock-timeout '2m'",
      },
      {
        when: 'destroy',
        command:
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, not a JS template
          "${self.triggers_replace.command} destroy --address '${self.triggers_replace.address}' --auto-approve --config '${self.triggers_replace.config}' --lock-timeout '2m'",
      },
    ]);
  });
});

describe('GrantformStack resourceType grantform', () => {
  it("emits the grantform provider's resources, parents by reference, secrets by env name", () => {
    // WHEN
    const tf = synthTerraform(sampleApp(), {
      resourceType: 'grantform',
      target: 'emulator',
      endpoint: 'http://127.0.0.1:4010',
      providerVersion: '0.1.0',
    }) as {
      provider: Record<string, unknown>;
      terraform: unknown;
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    // THEN the provider block and its source
    expect(tf.provider).toEqual({ grantform: [{ endpoint: 'http://127.0.0.1:4010', target: 'emulator' }] });
    expect(tf.terraform).toEqual({
      required_providers: { grantform: { source: 'grantform/grantform', version: '0.1.0' } },
    });
    // AND one provider resource per manifest resource
    expect(Object.fromEntries(Object.entries(tf.resource).map(([t, r]) => [t, Object.keys(r)]))).toEqual({
      grantform_api_integration: ['acme_cli_api', 'acme_crm-sync_api', 'acme_portal_api'],
      grantform_installed_package: ['acme_cli', 'acme_crm-sync', 'acme_portal'],
      grantform_marketing_cloud_app: ['acme_cli_app'],
      grantform_tenant: ['acme'],
    });
    const manifest = synth(sampleApp());
    const spec = manifest.resources.find((r) => r.address === 'acme/crm-sync/api')!.spec as unknown as {
      scopes: string[];
      clientSecret: { env: string };
    };
    expect(tf.resource.grantform_api_integration?.['acme_crm-sync_api']).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, not a JS template
      package_id: '${grantform_installed_package.acme_crm-sync.id}',
      type: 'server-to-server',
      scopes: spec.scopes,
      client_secret_env: spec.clientSecret.env,
    });
    expect(tf.resource.grantform_installed_package?.['acme_crm-sync']).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, not a JS template
      tenant_id: '${grantform_tenant.acme.id}',
      name: 'crm-sync',
    });
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
