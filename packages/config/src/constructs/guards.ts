/**
 * @module
 * Symbol-based guards. A config loaded through a separate module instance (tsx `tsImport`, a
 * second copy of the package) still passes them, where `instanceof` would not.
 */
import type { IConstruct } from 'constructs';
import type { ValidationIssue } from '../validation/rule.js';

/** Marks grantform constructs with their kind; `Symbol.for` so every copy of the package agrees. */
export const GRANTFORM_KIND: unique symbol = Symbol.for('@grantform/config.kind') as never;

export type ConstructKind =
  | 'app'
  | 'tenant'
  | 'installed-package'
  | 'api-integration'
  | 'marketing-cloud-app'
  | 'ctct-application'
  | 'ctct-partner'
  | 'ctct-client-account';

/** What every grantform construct exposes to `validate()` and `synth()`. */
export interface GrantformConstruct extends IConstruct {
  readonly [GRANTFORM_KIND]: ConstructKind;
  /** Every issue of this construct, located by address and field. */
  validationIssues(): ValidationIssue[];
}

/** The grantform kind of `x`, or `undefined` when `x` is not a grantform construct. */
export function kindOf(x: unknown): ConstructKind | undefined {
  if (typeof x !== 'object' || x === null || !(GRANTFORM_KIND in x)) return undefined;
  return (x as { [GRANTFORM_KIND]: ConstructKind })[GRANTFORM_KIND];
}

/** Whether `x` is a grantform construct. */
export function isGrantformConstruct(x: unknown): x is GrantformConstruct {
  return kindOf(x) !== undefined;
}

/** A construct id for `base` that is free in `scope`: `base`, else `base~2`, `base~3`… */
export function freeChildId(scope: IConstruct, base: string): string {
  const id = base.replace(/\//g, '--');
  if (scope.node.tryFindChild(id) === undefined) return id;
  let n = 2;
  while (scope.node.tryFindChild(`${id}~${n}`) !== undefined) n++;
  return `${id}~${n}`;
}
