/**
 * @module
 * The closed set of actions a plan may take on one resource address (terraform `plans/action.go`).
 * `replace` is delete-then-create: the vendor refuses two packages with one name in a tenant.
 */

export const ACTIONS = ['noop', 'create', 'update', 'replace', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** Normal plans converge on the config; destroy plans delete everything in state (or the targeted addresses). */
export type PlanMode = 'normal' | 'destroy';

/** The Terraform-style symbol for an action. */
export function actionSymbol(action: Action): string {
  switch (action) {
    case 'create':
      return '+';
    case 'update':
      return '~';
    case 'replace':
      return '±';
    case 'delete':
      return '-';
    case 'noop':
      return ' ';
  }
}

export function isChange(action: Action): boolean {
  return action !== 'noop';
}
