/**
 * @module
 * `validate(app)`: every issue of a configuration, located by address and field.
 */
import type { GrantformApp } from './constructs/grantform-app.js';
import { isGrantformConstruct } from './constructs/guards.js';
import { formatIssue } from './validation/format.js';
import type { ValidationIssue } from './validation/rule.js';

/**
 * Runs every validation of the tree and returns every issue (an empty array when the
 * configuration is valid). Issues come in declaration order, app-wide issues last. Validations
 * that users add with `node.addValidation` on any construct are reported too, with the code
 * `ERR_CUSTOM_VALIDATION` and the construct path.
 * @example
 * for (const issue of validate(app)) console.log(`${issue.path}: ${issue.message}`);
 */
export function validate(app: GrantformApp): ValidationIssue[] {
  const [root, ...rest] = app.node.findAll();
  return [...rest, ...(root === undefined ? [] : [root])].flatMap((construct) => {
    const ours = isGrantformConstruct(construct) ? construct.validationIssues() : [];
    const known = new Set(ours.map(formatIssue));
    const custom = construct.node
      .validate()
      .filter((message) => !known.has(message))
      .map(
        (message): ValidationIssue => ({
          path: construct.node.path === '' ? '<app>' : construct.node.path,
          code: 'ERR_CUSTOM_VALIDATION',
          message,
        }),
      );
    return [...ours, ...custom];
  });
}
