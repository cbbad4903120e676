/**
 * @module
 * Errors of @grantform/config. Each carries a stable `code` and the list of `issues`, so the CLI
 * renders them (`error[CODE]: message` then one `- path: message` line per issue).
 */
import type { ValidationIssue } from './validation/rule.js';

/** The configuration has problems; `issues` lists every one of them. */
export class ConfigValidationError extends Error {
  readonly code = 'ERR_CONFIG_INVALID' as const;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], message?: string) {
    super(
      message ??
        `the grantform configuration has ${issues.length} problem${issues.length === 1 ? '' : 's'}; fix every one listed below`,
    );
    this.name = new.target.name;
    this.issues = issues;
  }
}

/** One problem of an untrusted manifest, located by a JSON path such as `resources[2].spec.scopes[0]`. */
export interface ManifestIssue {
  readonly path: string;
  readonly message: string;
}

/** An untrusted manifest (a file, a `--seed`) is not valid; `issues` lists every problem. */
export class ManifestParseError extends Error {
  readonly code = 'ERR_MANIFEST_INVALID' as const;
  readonly issues: readonly ManifestIssue[];

  constructor(issues: readonly ManifestIssue[], message?: string) {
    super(message ?? `the manifest is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'})`);
    this.name = new.target.name;
    this.issues = issues;
  }
}
