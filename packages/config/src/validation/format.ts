/**
 * @module
 * Issues rendered as one line, the form `node.addValidation` reports.
 */
import type { ValidationIssue } from './rule.js';

/** `acme/crm-sync/api.scopes[0]: unknown scope … [ERR_SCOPE_UNKNOWN]` */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.message} [${issue.code}]`;
}
