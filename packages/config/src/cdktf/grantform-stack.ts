/**
 * @module
 * `GrantformStack`: a cdktf stack with one `null_resource` per manifest resource. Terraform then
 * orders, creates and destroys them; each resource's provisioners call the grantform CLI for its
 * one address.
 */
import { NullProvider } from '@cdktf/provider-null/lib/provider/index.js';
import { Resource } from '@cdktf/provider-null/lib/resource/index.js';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GrantformApp } from '../constructs/grantform-app.js';
import type { Manifest, ManifestResource } from '../manifest.js';
import { resourceSpecHash } from '../serialize.js';
import { synth } from '../synth.js';

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

function commandLine(verb: 'apply' | 'destroy', v: CommandValues): string {
  const flags = [
    ['--address', v.address],
    ['--config', v.config],
    ['--target', v.target],
    ['--endpoint', v.endpoint],
    ['--state', v.state],
  ] as const;
  const rendered = flags.flatMap(([flag, value]) => (value === undefined ? [] : [`${flag} ${quote(flag, value)}`]));
  const [address, ...rest] = rendered;
  return [v.command, verb, address, '--auto-approve', ...rest].join(' ');
}

/**
 * A Terraform stack for a grantform configuration.
 *
 * Every manifest resource becomes `null_resource.<address with _>` with
 * - `triggers`: `address`, `spec_hash` (sha256 of the resource's spec, so a change replaces it),
 *   `command`, `config` and the optional `target`, `endpoint`, `state`;
 * - `depends_on` following the manifest's `dependsOn`;
 * - a create-time `local-exec`: `grantform apply --address '<address>' --auto-approve --config '<config>' …`;
 * - a destroy-time `local-exec`: `grantform destroy --address '<address>' --auto-approve --config '<config>' …`,
 *   built from `self.triggers` (the only values a destroy-time provisioner may use).
 * @example
 * const app = new App();
 * new GrantformStack(app, 'grantform', { source: grantformApp, command: 'npx grantform' });
 * app.synth();
 */
export class GrantformStack extends TerraformStack {
  /** The manifest the stack was built from. */
  readonly manifest: Manifest;
  /** The `null_resource` of each address. */
  readonly resources: ReadonlyMap<string, Resource>;

  constructor(scope: Construct, id: string, props: GrantformStackProps) {
    super(scope, id);
    this.manifest = GrantformApp.isGrantformApp(props.source) ? synth(props.source) : props.source;
    new NullProvider(this, 'null');
    const resources = new Map<string, Resource>();
    for (const resource of this.manifest.resources) {
      resources.set(resource.address, this.nullResource(resource, props, resources));
    }
    this.resources = resources;
  }

  private nullResource(
    resource: ManifestResource,
    props: GrantformStackProps,
    created: ReadonlyMap<string, Resource>,
  ): Resource {
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
    const fromSelf = Object.fromEntries(
      Object.keys(values).map((k) => [k, `\${self.triggers.${k}}`]),
    ) as unknown as CommandValues;
    const dependsOn = resource.dependsOn.map((address) => {
      const target = created.get(address);
      if (target === undefined) throw new Error(`GrantformStack: ${resource.address} depends on unknown ${address}`);
      return target;
    });
    const nullResource = new Resource(this, resource.address, {
      triggers,
      ...(dependsOn.length === 0 ? {} : { dependsOn }),
      provisioners: [
        { type: 'local-exec', when: 'create', command: literal(commandLine('apply', values)) },
        { type: 'local-exec', when: 'destroy', command: commandLine('destroy', fromSelf) },
      ],
    });
    nullResource.overrideLogicalId(terraformName(resource.address));
    return nullResource;
  }
}
