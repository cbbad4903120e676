/**
 * @module
 * Validation as tables of rules. A rule says when it fails and what to tell the user; running a
 * table returns every failure, never only the first.
 */

/** Stable codes of configuration issues. */
export type IssueCode =
  | 'ERR_NAME_FORMAT'
  | 'ERR_NAME_DUPLICATE'
  | 'ERR_SUBDOMAIN_FORMAT'
  | 'ERR_SUBDOMAIN_DUPLICATE'
  | 'ERR_STACK_KEY_FORMAT'
  | 'ERR_BU_MID'
  | 'ERR_BU_NAME'
  | 'ERR_BU_MID_DUPLICATE'
  | 'ERR_BU_NAME_DUPLICATE'
  | 'ERR_BU_UNKNOWN'
  | 'ERR_BU_LIST_EMPTY'
  | 'ERR_BU_LIST_DUPLICATE'
  | 'ERR_COMPONENT_DUPLICATE'
  | 'ERR_INTEGRATION_TYPE'
  | 'ERR_SCOPE_UNKNOWN'
  | 'ERR_SCOPE_OFFLINE'
  | 'ERR_PKCE'
  | 'ERR_REDIRECT_URI_LIMIT'
  | 'ERR_REDIRECT_URI_REQUIRED'
  | 'ERR_REDIRECT_URI_UNEXPECTED'
  | 'ERR_REDIRECT_URI_NOT_ABSOLUTE'
  | 'ERR_REDIRECT_URI_SCHEME'
  | 'ERR_REDIRECT_URI_WILDCARD'
  | 'ERR_REDIRECT_URI_FRAGMENT'
  | 'ERR_REDIRECT_URI_ENCODED'
  | 'ERR_REDIRECT_URI_LOCALHOST'
  | 'ERR_REDIRECT_URI_DUPLICATE'
  | 'ERR_SECRET_NOT_ALLOWED'
  | 'ERR_SECRET_ENV_FORMAT'
  | 'ERR_SECRET_ENV_DUPLICATE'
  | 'ERR_APP_URL'
  | 'ERR_CLAIMS_VERSION'
  | 'ERR_OBJECT_SHAPE'
  | 'ERR_CUSTOM_VALIDATION'
  | 'ERR_ROTATION_MAX_AGE'
  | 'ERR_ROTATION_NOT_APPLICABLE'
  // Constant Contact (constant-contact/rules.ts)
  | 'ERR_NAME_RESERVED'
  | 'ERR_CTCT_APP_TYPE'
  | 'ERR_CTCT_REFRESH_MODE'
  | 'ERR_CTCT_API_KEY'
  | 'ERR_CTCT_SCOPE_REQUIRED'
  | 'ERR_CTCT_APPLICATION_REF'
  | 'ERR_CTCT_APPLICATION_SHARED'
  | 'ERR_CTCT_ACCOUNT_FIELD'
  | 'ERR_CTCT_LOGIN_DUPLICATE';

/** One failure found by a rule, relative to the construct that was checked. */
export interface Finding {
  readonly code: IssueCode;
  /** Field inside the construct, e.g. `redirectUris[2]`; absent when the whole construct is at fault. */
  readonly field?: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** One configuration issue, located by `path`: the resource address plus the field. */
export interface ValidationIssue {
  /** e.g. `acme/crm-sync/api.redirectUris[2]`, or `acme/crm-sync/api` for the whole resource. */
  readonly path: string;
  readonly code: IssueCode;
  readonly message: string;
}

/** A rule of a table: it fails `when` the predicate holds, and reports `message`. */
export interface Rule<T> {
  readonly code: IssueCode;
  /** The field the failure is about. @default - the subject's own field, if any */
  readonly field?: string | ((subject: T) => string);
  readonly when: (subject: T) => boolean;
  readonly message: (subject: T) => string;
}

/** Runs every rule against `subject` and returns every failure. */
export function runRules<T>(rules: readonly Rule<T>[], subject: T, field?: string): Finding[] {
  return rules
    .filter((rule) => rule.when(subject))
    .map((rule) => {
      const ruleField = typeof rule.field === 'function' ? rule.field(subject) : (rule.field ?? field);
      return ruleField === undefined
        ? { code: rule.code, message: rule.message(subject) }
        : { code: rule.code, field: ruleField, message: rule.message(subject) };
    });
}

/** Runs a table against each element of a list; `fieldOf(i)` names the element, e.g. `scopes[2]`. */
export function runRulesEach<T>(
  rules: readonly Rule<T>[],
  subjects: readonly T[],
  fieldOf: (index: number) => string,
): Finding[] {
  return subjects.flatMap((subject, index) => runRules(rules, subject, fieldOf(index)));
}

/** Joins a resource address and a field into an issue path (`acme/crm-sync/api.scopes[0]`). */
export function issuePath(address: string, field?: string): string {
  if (field === undefined || field === '') return address;
  return address === '' ? field : `${address}.${field}`;
}

/** Turns findings of the resource at `address` into located issues. */
export function toIssues(address: string, findings: readonly Finding[]): ValidationIssue[] {
  return findings.map((f) => ({ path: issuePath(address, f.field), code: f.code, message: f.message }));
}

/** Ordinal-free "1 thing" / "2 things". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
