/**
 * @module
 * Terraform-style plan text: one block per changed address with `+ ~ - ±` and attribute-level
 * lines; set attributes list the elements added and removed. Secret refs show only the env name.
 */
import type { Action } from '../actions.js';
import { actionSymbol } from '../actions.js';
import type { AttributeChange } from '../diff.js';
import type { JsonValue } from '../json.js';
import { isJsonObject } from '../json.js';
import type { SecretRotation } from '../plan/types.js';
import type { Plan, ResourceChange } from '../plan.js';

export interface Colours {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  magenta(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

export const NO_COLOURS: Colours = {
  green: (s) => s,
  yellow: (s) => s,
  red: (s) => s,
  magenta: (s) => s,
  bold: (s) => s,
  dim: (s) => s,
};

export function renderValue(value: JsonValue | undefined): string {
  if (value === undefined) return '(none)';
  if (isJsonObject(value) && typeof value.env === 'string' && Object.keys(value).length === 1) {
    return `(secret in ${value.env})`;
  }
  if (Array.isArray(value)) return `[${(value as JsonValue[]).map((v) => renderValue(v)).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k} = ${renderValue(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

const HEADLINE: Record<Action, string> = {
  create: 'will be created',
  update: 'will be updated in place',
  replace: 'must be replaced',
  delete: 'will be destroyed',
  noop: 'is unchanged',
};

function paint(c: Colours, action: Action, s: string): string {
  switch (action) {
    case 'create':
      return c.green(s);
    case 'update':
      return c.yellow(s);
    case 'replace':
      return c.magenta(s);
    case 'delete':
      return c.red(s);
    case 'noop':
      return s;
  }
}

function attributeLines(change: ResourceChange, c: Colours): string[] {
  const lines: string[] = [];
  const one = (a: AttributeChange) => {
    const force = a.forcesReplacement && change.action === 'replace' ? c.red(' # forces replacement') : '';
    if ((change.action === 'create' && change.adopt === undefined) || a.before === undefined) {
      lines.push(`      ${c.green('+')} ${a.name} = ${renderValue(a.after)}`);
      return;
    }
    if (a.after === undefined) {
      lines.push(`      ${c.red('-')} ${a.name} = ${renderValue(a.before)}`);
      return;
    }
    if (a.added !== undefined && a.removed !== undefined) {
      lines.push(`      ${c.yellow('~')} ${a.name}${force}`);
      for (const v of a.added) lines.push(`          ${c.green('+')} ${renderValue(v)}`);
      for (const v of a.removed) lines.push(`          ${c.red('-')} ${renderValue(v)}`);
      return;
    }
    lines.push(`      ${c.yellow('~')} ${a.name} = ${renderValue(a.before)} → ${renderValue(a.after)}${force}`);
  };
  for (const a of change.attributes) one(a);
  for (const slot of change.reissue ?? []) {
    lines.push(
      `      ${c.yellow('~')} ${slot.name} = ${c.yellow('(re-issued by the target)')} → (secret in ${slot.env})`,
    );
  }
  return lines;
}

function headline(change: ResourceChange): string {
  if (change.forget === true) return 'will be removed from state (no call to the target)';
  if (change.adopt !== undefined && change.action === 'create') {
    return change.attributes.length > 0 ? 'will be adopted and updated in place' : 'will be adopted into state';
  }
  if (change.action === 'update' && change.attributes.length === 0 && (change.reissue ?? []).length > 0) {
    return 'will have its secrets re-issued';
  }
  return HEADLINE[change.action];
}

/** One block per change. */
export function renderChange(change: ResourceChange, c: Colours = NO_COLOURS): string {
  const lines = [`  ${c.bold(`# ${change.address}`)} ${headline(change)}`];
  for (const r of change.reasons) lines.push(`  ${c.dim(`# (${r})`)}`);
  if (change.removedWith !== undefined) lines.push(`  ${c.dim(`# (removed with ${change.removedWith})`)}`);
  const sym = paint(c, change.action, actionSymbol(change.action));
  lines.push(`  ${sym} ${change.kind} "${change.address}" {`);
  if (change.priorId !== null && (change.action !== 'create' || change.adopt !== undefined))
    lines.push(`        id = ${JSON.stringify(change.priorId)}`);
  lines.push(...attributeLines(change, c));
  lines.push('    }');
  return lines.join('\n');
}

/** One block per rotation: what, and why. */
export function renderRotation(r: SecretRotation, c: Colours = NO_COLOURS): string {
  return [
    `  ${c.bold(`# ${r.address}`)} will have its ${r.secret} rotated (staged: the old one works until the new one is proven)`,
    `  ${c.dim(`# (${r.reason})`)}`,
    `  ${c.yellow('↻')} rotate ${r.kind} "${r.address}" ${r.secret} → (secret in ${r.env})`,
  ].join('\n');
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const rotations = (plan.rotations ?? []).length;
  const extra = [
    s.adopt === undefined ? null : `${s.adopt} to adopt`,
    s.reissue === undefined ? null : `${s.reissue} secret${s.reissue === 1 ? '' : 's'} to re-issue`,
    s.forget === undefined ? null : `${s.forget} to forget`,
    rotations === 0 ? null : `${rotations} secret${rotations === 1 ? '' : 's'} to rotate`,
  ].filter((x) => x !== null);
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete${extra.map((x) => `, ${x}`).join('')}.`;
}

/**
 * The whole plan as text.
 * @example
 * io.stdout(renderPlan(plan));
 */
export function renderPlan(plan: Plan, c: Colours = NO_COLOURS): string {
  const out: string[] = [];
  for (const d of plan.diagnostics) {
    out.push(`${d.severity === 'error' ? c.red('Error') : c.yellow('Warning')}: ${d.message}`);
  }
  const rotations = plan.rotations ?? [];
  if (plan.changes.length === 0 && rotations.length === 0) {
    out.push(
      plan.mode === 'destroy' ? 'No changes. Nothing to destroy.' : 'No changes. The target matches the configuration.',
    );
    return `${out.join('\n')}\n`;
  }
  out.push('grantform will perform the following actions:', '');
  for (const change of plan.changes) out.push(renderChange(change, c), '');
  for (const r of rotations) out.push(renderRotation(r, c), '');
  out.push(c.bold(summaryLine(plan)));
  return `${out.join('\n')}\n`;
}
