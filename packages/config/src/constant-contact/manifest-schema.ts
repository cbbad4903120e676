/**
 * @module
 * zod schemas of the Constant Contact specs (merged into `manifestSchema`) and their
 * cross-resource checks: a partner names a `ctct-application`, an account names a `ctct-partner`,
 * one partner per application, API keys and login names unique.
 */
import { z } from 'zod';
import { ENV_NAME_PATTERN } from '../naming.js';
import { rotationPolicySchema } from '../rotation.js';
import { CTCT_KEY_PATTERN, CTCT_LOGIN_NAME } from './rules.js';
import { CTCT_SCOPES, type CtctScope, suggestCtctScope } from './scopes.js';

const address = z.string().min(1, 'an address is a non-empty string such as ctct/apps/newsletter');
const secretRef = z.strictObject({
  env: z.string().regex(ENV_NAME_PATTERN, 'an environment variable name: upper-case letters, digits and _'),
});
const key = z.string().regex(CTCT_KEY_PATTERN, '8–64 letters, digits and -');

const scope = z.enum(CTCT_SCOPES as unknown as [CtctScope, ...CtctScope[]], {
  error: (issue) => {
    const suggestion = typeof issue.input === 'string' ? suggestCtctScope(issue.input) : undefined;
    return `unknown Constant Contact scope ${JSON.stringify(issue.input)}${suggestion === undefined ? '' : `: did you mean '${suggestion}'?`}`;
  },
});

export const ctctApplicationSpec = z.strictObject({
  name: z.string().min(1),
  apiKey: key.nullable(),
  type: z.enum(['confidential', 'public']),
  clientSecret: secretRef.nullable(),
  redirectUris: z.array(z.string().min(1)),
  pkce: z.enum(['optional', 'required']),
  refreshTokens: z.enum(['rotating', 'long-lived']),
  scopes: z.array(scope).min(1, 'at least one scope'),
  rotation: rotationPolicySchema.optional(),
});

export const ctctPartnerSpec = z.strictObject({
  name: z.string().min(1),
  application: address,
  partnerClientId: key.nullable(),
  partnerSecret: secretRef,
  rotation: rotationPolicySchema.optional(),
});

export const ctctClientAccountSpec = z.strictObject({
  partner: address,
  name: z.string().min(1),
  managed: z.boolean(),
  loginName: z.string().regex(CTCT_LOGIN_NAME, '6–50 letters, digits or . _ @ + -'),
  contactEmail: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'),
  organizationName: z.string(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'),
  stateCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});

/** The slice of a parsed resource the reference checks need. */
type CheckedResource =
  | { readonly kind: 'ctct-application'; readonly spec: z.infer<typeof ctctApplicationSpec> }
  | { readonly kind: 'ctct-partner'; readonly spec: z.infer<typeof ctctPartnerSpec> }
  | { readonly kind: 'ctct-client-account'; readonly spec: z.infer<typeof ctctClientAccountSpec> }
  | { readonly kind: string; readonly spec: unknown };

export interface CtctReferenceIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Cross-resource problems of the Constant Contact resources; `kinds` maps every address to its kind. */
export function ctctReferenceIssues(
  resources: readonly CheckedResource[],
  kinds: ReadonlyMap<string, string>,
): CtctReferenceIssue[] {
  const issues: CtctReferenceIssue[] = [];
  const apiKeys = new Map<string, number>();
  const logins = new Map<string, number>();
  const applicationOwners = new Map<string, number>();
  const expect = (i: number, field: string, target: string, kind: string) => {
    if (kinds.get(target) !== kind) {
      issues.push({
        path: ['resources', i, 'spec', field],
        message: `'${target}' is not the address of a ${kind} resource in this manifest`,
      });
    }
  };
  resources.forEach((r, i) => {
    if (r.kind === 'ctct-application') {
      const spec = r.spec as z.infer<typeof ctctApplicationSpec>;
      if (spec.apiKey !== null) {
        if (apiKeys.has(spec.apiKey))
          issues.push({
            path: ['resources', i, 'spec', 'apiKey'],
            message: `API key already used by resources[${apiKeys.get(spec.apiKey)}]`,
          });
        apiKeys.set(spec.apiKey, i);
      }
      if (spec.type === 'public' && spec.clientSecret !== null) {
        issues.push({
          path: ['resources', i, 'spec', 'clientSecret'],
          message: 'a public application has no client secret',
        });
      }
      if (spec.type === 'confidential' && spec.clientSecret === null) {
        issues.push({
          path: ['resources', i, 'spec', 'clientSecret'],
          message: 'a confidential application needs a secret reference',
        });
      }
    }
    if (r.kind === 'ctct-partner') {
      const spec = r.spec as z.infer<typeof ctctPartnerSpec>;
      expect(i, 'application', spec.application, 'ctct-application');
      const owner = applicationOwners.get(spec.application);
      if (owner !== undefined)
        issues.push({
          path: ['resources', i, 'spec', 'application'],
          message: `application already belongs to the partner at resources[${owner}]`,
        });
      applicationOwners.set(spec.application, i);
    }
    if (r.kind === 'ctct-client-account') {
      const spec = r.spec as z.infer<typeof ctctClientAccountSpec>;
      expect(i, 'partner', spec.partner, 'ctct-partner');
      const login = spec.loginName.toLowerCase();
      if (logins.has(login))
        issues.push({
          path: ['resources', i, 'spec', 'loginName'],
          message: `login name already used by resources[${logins.get(login)}]`,
        });
      logins.set(login, i);
    }
  });
  return issues;
}
