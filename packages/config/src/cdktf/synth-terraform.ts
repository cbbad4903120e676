/**
 * @module
 * `synthTerraform`: a configuration's Terraform JSON, in memory, without writing `cdktf.out`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { GrantformApp } from '../constructs/grantform-app.js';
import type { Manifest } from '../manifest.js';
import { GrantformStack, type GrantformStackProps } from './grantform-stack.js';

export interface SynthTerraformOptions extends Omit<GrantformStackProps, 'source'> {
  /** The stack's name. @default 'grantform' */
  readonly stackName?: string;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => [key, withoutMetadata(v)]),
  );
}

/**
 * The Terraform JSON (`*.tf.json` content) of a configuration: keys sorted, cdktf metadata
 * removed, so the same input always gives the same output. Throws `ConfigValidationError` when a
 * GrantformApp is not valid.
 * @example
 * const tf = synthTerraform(app, { configPath: '../../grantform.config.ts' });
 * await writeFile('main.tf.json', `${JSON.stringify(tf, null, 2)}\n`);
 */
export function synthTerraform(
  source: GrantformApp | Manifest,
  options: SynthTerraformOptions = {},
): Record<string, unknown> {
  const { stackName = 'grantform', ...stackProps } = options;
  // cdktf's App creates its outdir when constructed; nothing is written into it here.
  const outdir = mkdtempSync(join(tmpdir(), 'grantform-cdktf-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    const stack = new GrantformStack(app, stackName, { ...stackProps, source });
    stack.runAllValidations();
    return withoutMetadata(stack.toTerraform()) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
