/**
 * @module
 * The Terraform stack: grantform's `GrantformStack` (one `null_resource` per manifest resource,
 * whose provisioners run `grantform apply/destroy --address …`) inside an ordinary cdktf `App`, plus
 * one output listing the addresses it manages. Terraform runs in `cdktf.out/stacks/grantform`, so the
 * config and state paths are relative to that folder.
 */
import { type GrantformResourceType, GrantformStack } from '@grantform/config/cdktf';
import { type App, TerraformOutput } from 'cdktf';
import grantformApp from '../grantform.config.js';

export interface LitwareStackOptions {
  /** Emulator origin passed as `--endpoint`. @default 'http://127.0.0.1:4010' */
  readonly endpoint?: string;
  /**
   * `null_resource` (needs hashicorp/null), `terraform_data` (built in: `terraform init` works
   * offline) or `grantform` (the provider's resources; install it with `grantform terraform install`).
   * @default 'null_resource'
   */
  readonly resourceType?: GrantformResourceType;
}

/** Adds the stack to a cdktf app. */
export function litwareStack(app: App, o: LitwareStackOptions = {}): GrantformStack {
  const stack = new GrantformStack(app, 'grantform', {
    source: grantformApp,
    configPath: '../../../grantform.config.ts',
    statePath: '../../../.grantform/state.json',
    command: 'npx -y pnpm@10 grantform',
    target: 'emulator',
    endpoint: o.endpoint ?? 'http://127.0.0.1:4010',
    ...(o.resourceType === undefined ? {} : { resourceType: o.resourceType }),
  });
  new TerraformOutput(stack, 'managed_addresses', {
    value: stack.manifest.resources.map((r) => r.address),
    description: 'grantform addresses managed by this stack',
  });
  return stack;
}
