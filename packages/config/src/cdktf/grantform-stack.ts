/**
 * @module
 * `GrantformStack`: a cdktf stack with one Terraform resource per manifest resource, in one of three
 * forms (`resourceType`):
 * - `null_resource` (the default, for compatibility): provisioners call the grantform CLI for the
 *   resource's one address; needs the `hashicorp/null` provider;
 * - `terraform_data`: the same shell-out with Terraform's built-in `terraform_data` (no provider to
 *   download: `terraform init` works offline);
 * - `grantform`: the resources of the Terraform provider `grantform/grantform`
 *   (`./provider-resources.ts`), so `terraform plan` shows each attribute that changes.
 * The shell-out commands pass `--lock-timeout`, so sibling resources that Terraform applies at the
 * same time (default parallelism) wait for grantform's state lock in turn instead of failing.
 */
import { NullProvider } from '@cdktf/provider-null/lib/provider/index.js';
import { Resource } from '@cdktf/provider-null/lib/resource/index.js';
import { DataResource, type TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GrantformApp } from '../constructs/grantform-app.js';
import type { Manifest, ManifestResource } from '../manifest.js';
import { resourceSpecHash } from '../serialize.js';
import { synth } from '../synth.js';
import { GrantformProvider, GrantformProviderResource, providerResource } from './provider-resources.js';

/** The forms `GrantformStack` can emit (see the module comment). */
export type GrantformResourceType = 'null_resource' | 'terraform_data' | 'grantform';

/** How long the shell-out commands wait for grantform's state lock by default. */
export const DEFAULT_LOCK_TIMEOUT = '5m';

export interface GrantformStackProps {
  /** The configuration: a {@link GrantformApp} (validated and synthesized here) or a manifest. */
  readonly source: GrantformApp | Manifest;
  /**
   * The config file passed to `--config`, as seen from the directory Terraform runs in (the
   * commands run there: `terraform -chdir=<dir>` or `cd <dir>`).
   * @default 'grantform.config.ts'
   */
  readonly configPath?: string;
  /** How the provisioners start the CLI, e.g. `npx grantform`. @default 'grantform' */
  readonly command?: string;
  /** Passed as `--target` to every command. @default - not passed (the engine's default) */
  readonly target?: string;
  /** Passed as `--endpoint` to every command. @default - not passed (the engine's default) */
  readonly endpoint?: string;
  /** Passed as `--state` to every command. @default - not passed (the engine's default) */
  readonly statePath?: string;
  /** Which Terraform resources to emit. @default 'null_resource' */
  readonly resourceType?: GrantformResourceType;
  /**
   * Passed as `--lock-timeout` to every command of the shell-out forms: how long a resource's
   * command waits while a sibling's holds grantform's state lock (Terraform runs up to 10 at once).
   * @default '5m'
   */
  readonly lockTimeout?: string;
  /**
   * The `grantform` form: the provider's version constraint in `required_providers`.
   * @default - none (any installed version)
   */
  readonly providerVersion?: string;
}

/** The Terraform name of a resource: its address with `/` turned into `_` (`acme_crm-sync_api`). */
export function terraformName(address: string): string {
  return address.replace(/\//g, '_');
}

/** Escapes Terraform template sequences so a value is taken literally. */
function literal(value: string): string {
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** POSIX single-quoting; a value containing a single quote is refused rather than mis-quoted. */
function quote(name: string, value: string): string {
  if (value.includes("'")) throw new Error(`GrantformStack: ${name} must not contain a single quote: ${value}`);
  return `'${value}'`;
}

interface CommandValues {
  readonly command: string;
  readonly address: string;
  readonly config: string;
  readonly target?: string;
  readonly endpoint?: string;
  readonly state?: string;
}

function commandLine(verb: 'apply' | 'destroy', v: CommandValues, lockTimeout: string): string {
  const flags = [
    ['--address', v.address],
    ['--config', v.config],
    ['--target', v.target],
    ['--endpoint', v.endpoint],
    ['--state', v.state],
    // a literal (not from triggers): changing it replaces nothing
    ['--lock-timeout', lockTimeout],
  ] as const;
  const rendered = flags.flatMap(([flag, value]) => (value === undefined ? [] : [`${flag} ${quote(flag, value)}`]));
  const [address, ...rest] = rendered;
  return [v.command, verb, address, '--auto-approve', ...rest].join(' ');
}

/**
 * A Terraform stack for a grantform configuration.
 *
 * In the shell-out forms (`null_resource`, `terraform_data`) every manifest resource becomes
 * `<type>.<address with _>` with
 * - `triggers` (`triggers_replace` for `terraform_data`): `address`, `spec_hash` (sha256 of the
 *   resource's spec, so a change replaces it), `command`, `config` and the optional `target`,
 *   `endpoint`, `state`;
 * - `depends_on` following the manifest's `dependsOn`;
 * - a create-time `local-exec`: `grantform apply --address '<address>' --auto-approve --config '<config>' … --lock-timeout '5m'`;
 * - a destroy-time `local-exec`: `grantform destroy --address '<address>' --auto-approve --config '<config>' …`,
 *   built from `self.triggers` (the only values a destroy-time provisioner may use).
 *
 * In the `grantform` form every manifest resource becomes the provider's resource
 * (`grantform_api_integration.<address with _>`, …), a parent named by reference.
 * @example
 * const app = new App();
 * new GrantformStack(app, 'grantform', { source: grantformApp, command: 'npx grantform', resourceType: 'terraform_data' });
 * app.synth();
 */
export class GrantformStack extends TerraformStack {
  /** The manifest the stack was built from. */
  readonly manifest: Manifest;
  /** The Terraform resource of each address. */
  readonly resources: ReadonlyMap<string, TerraformResource>;

  constructor(scope: Construct, id: string, props: GrantformStackProps) {
    super(scope, id);
    this.manifest = GrantformApp.isGrantformApp(props.source) ? synth(props.source) : props.source;
    const type = props.resourceType ?? 'null_resource';
    const resources = new Map<string, TerraformResource>();
    if (type === 'grantform') {
      const provider = new GrantformProvider(this, 'grantform', {
        ...(props.target === undefined ? {} : { target: props.target }),
        ...(props.endpoint === undefined ? {} : { endpoint: props.endpoint }),
        ...(props.providerVersion === undefined ? {} : { version: props.providerVersion }),
      });
      for (const resource of this.manifest.resources) {
        const ref = (address: string) => {
          const parent = resources.get(address);
          if (parent === undefined)
            throw new Error(`GrantformStack: ${resource.address} depends on unknown ${address}`);
          return parent.getStringAttribute('id');
        };
        const { type: tfType, attributes } = providerResource(resource, ref);
        const r = new GrantformProviderResource(this, resource.address, tfType, attributes, provider);
        r.overrideLogicalId(terraformName(resource.address));
        resources.set(resource.address, r);
      }
    } else {
      if (type === 'null_resource') new NullProvider(this, 'null');
      for (const resource of this.manifest.resources) {
        resources.set(resource.address, this.shellOutResource(type, resource, props, resources));
      }
    }
    this.resources = resources;
  }

  private shellOutResource(
    type: 'null_resource' | 'terraform_data',
    resource: ManifestResource,
    props: GrantformStackProps,
    created: ReadonlyMap<string, TerraformResource>,
  ): TerraformResource {
    const values: CommandValues = {
      command: props.command ?? 'grantform',
      address: resource.address,
      config: props.configPath ?? 'grantform.config.ts',
      ...(props.target === undefined ? {} : { target: props.target }),
      ...(props.endpoint === undefined ? {} : { endpoint: props.endpoint }),
      ...(props.statePath === undefined ? {} : { state: props.statePath }),
    };
    const triggers: Record<string, string> = { spec_hash: resourceSpecHash(resource) };
    for (const [key, value] of Object.entries(values)) triggers[key] = literal(value);
    const triggersKey = type === 'null_resource' ? 'triggers' : 'triggers_replace';
    const fromSelf = Object.fromEntries(
      Object.keys(values).map((k) => [k, `\${self.${triggersKey}.${k}}`]),
    ) as unknown as CommandValues;
    const lockTimeout = props.lockTimeout ?? DEFAULT_LOCK_TIMEOUT;
    const dependsOn = resource.dependsOn.map((address) => {
      const target = created.get(address);
      if (target === undefined) throw new Error(`GrantformStack: ${resource.address} depends on unknown ${address}`);
      return target;
    });
    const meta = {
      ...(dependsOn.length === 0 ? {} : { dependsOn }),
      provisioners: [
        {
          type: 'local-exec' as const,
          when: 'create' as const,
          command: literal(commandLine('apply', values, lockTimeout)),
        },
        {
          type: 'local-exec' as const,
          when: 'destroy' as const,
          command: commandLine('destroy', fromSelf, literal(lockTimeout)),
        },
      ],
    };
    const r =
      type === 'null_resource'
        ? new Resource(this, resource.address, { triggers, ...meta })
        : new DataResource(this, resource.address, { triggersReplace: triggers, ...meta });
    r.overrideLogicalId(terraformName(resource.address));
    return r;
  }
}
