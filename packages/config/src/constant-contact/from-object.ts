/**
 * @module
 * The Constant Contact part of the plain-object form (`constantContact` in a JSON or YAML config):
 * applications, and partners naming their application by name, with their client accounts.
 */
import { z } from 'zod';
import type { GrantformApp } from '../constructs/grantform-app.js';
import type { ValidationIssue } from '../validation/rule.js';
import { ConstantContactApplication } from './application.js';
import { ConstantContactPartner } from './partner.js';
import type { CtctScope } from './scopes.js';

const secretRef = z.strictObject({ env: z.string() });
const rotation = z.strictObject({ maxAgeDays: z.number() });

const application = z.strictObject({
  name: z.string(),
  type: z.enum(['confidential', 'public']).optional(),
  apiKey: z.string().optional(),
  clientSecret: secretRef.optional(),
  redirectUris: z.array(z.string()).optional(),
  scopes: z.array(z.string()),
  pkce: z.enum(['optional', 'required']).optional(),
  refreshTokens: z.enum(['rotating', 'long-lived']).optional(),
  rotation: rotation.optional(),
});

const clientAccount = z.strictObject({
  name: z.string(),
  managed: z.boolean().optional(),
  loginName: z.string(),
  contactEmail: z.string(),
  organizationName: z.string().optional(),
  countryCode: z.string().optional(),
  stateCode: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});

const partner = z.strictObject({
  name: z.string(),
  /** The name of an application in `constantContact.applications`. */
  application: z.string(),
  partnerClientId: z.string().optional(),
  partnerSecret: secretRef.optional(),
  rotation: rotation.optional(),
  clientAccounts: z.array(clientAccount).optional(),
});

/** `constantContact` of the plain-object form. */
export const ctctConfigObjectSchema = z.strictObject({
  applications: z.array(application).optional(),
  partners: z.array(partner).optional(),
});

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Adds the Constant Contact constructs to `app`; returns the references that name no application. */
export function ctctFromObject(app: GrantformApp, input: z.output<typeof ctctConfigObjectSchema>): ValidationIssue[] {
  const byName = new Map<string, ConstantContactApplication>();
  for (const a of input.applications ?? []) {
    const construct = new ConstantContactApplication(
      app,
      a.name,
      defined({ ...a, name: undefined, scopes: a.scopes as readonly CtctScope[] }),
    );
    if (!byName.has(a.name)) byName.set(a.name, construct);
  }
  const issues: ValidationIssue[] = [];
  (input.partners ?? []).forEach((p, i) => {
    const applicationConstruct = byName.get(p.application);
    if (applicationConstruct === undefined) {
      issues.push({
        path: `constantContact.partners[${i}].application`,
        code: 'ERR_OBJECT_SHAPE',
        message: `no application named '${p.application}' in constantContact.applications`,
      });
      return;
    }
    const construct = new ConstantContactPartner(
      app,
      p.name,
      defined({
        application: applicationConstruct,
        partnerClientId: p.partnerClientId,
        partnerSecret: p.partnerSecret,
        rotation: p.rotation,
      }),
    );
    for (const account of p.clientAccounts ?? [])
      construct.addClientAccount(account.name, defined({ ...account, name: undefined }));
  });
  return issues;
}
