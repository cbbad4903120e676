/**
 * @module
 * Marketing Cloud's admin API request bodies (zod). Cross-field rules that need the store (BU exists,
 * name unique…) live in `service.ts`; everything here only looks at the body.
 */
import { MARKETING_CLOUD_SUBDOMAIN } from '@grantform/config/hosts';
import { z } from 'zod';
import { owner } from '../../../admin/validation.js';

/** A tenant subdomain (`@grantform/config/hosts`). */
export const SUBDOMAIN = MARKETING_CLOUD_SUBDOMAIN;
const mid = z.number().int().positive();
const businessUnits = z.union([z.literal('all'), z.array(mid)]);
const httpsUrl = z.string().refine((s) => /^https:\/\/[^\s/]+/.test(s), { message: 'must be an https:// URL' });

export const tenantBody = z.strictObject({
  name: z.string().min(1).max(100),
  stackKey: z.string().regex(/^S\d{1,3}$/, 'must look like S7'),
  enterpriseMid: mid,
  businessUnits: z.array(z.strictObject({ mid, name: z.string().min(1).max(100), parentMid: mid.nullable() })).min(1),
  /** @default the tenant's current owner (none for a new tenant); another owner than the current one → 409 */
  owner: owner.optional(),
});
export type TenantBody = z.infer<typeof tenantBody>;

export const packageBody = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).default(''),
  legacy: z.boolean().default(false),
  /** @default the tenant's enterprise MID */
  sourceMid: mid.optional(),
  /** @default null (no owner) */
  owner: owner.default(null),
});
export type PackageBody = z.infer<typeof packageBody>;

export const packagePatch = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  description: z.string().max(1000).optional(),
  /** Another owner than the current one → 409 (release it with `null` first). */
  owner: owner.optional(),
});

export const integrationBody = z.strictObject({
  type: z.enum(['server-to-server', 'web-app', 'public-app']),
  scopes: z.array(z.string()).default([]),
  redirectUris: z.array(z.string()).max(10).default([]),
  businessUnits: businessUnits.default('all'),
  pkce: z.enum(['optional', 'required']).default('optional'),
  /** Emulator extension: a Published AppExchange app (authorize returns `tssd`). */
  appExchange: z.boolean().default(false),
});
export type IntegrationBody = z.infer<typeof integrationBody>;

export const appBody = z.strictObject({
  loginUrl: httpsUrl,
  redirectUrl: httpsUrl,
  logoutUrl: httpsUrl,
  claimsVersion: z.union([z.literal(1), z.literal(2)]).default(2),
});
export type AppBody = z.infer<typeof appBody>;

export const userBody = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(200).optional(),
  defaultMid: mid.optional(),
  businessUnits: businessUnits.default('all'),
});
export type UserBody = z.infer<typeof userBody>;

export { launchBody } from '../routes/legacy/app-launch.js';

export const unknownKidTokenBody = z.strictObject({
  clientId: z.string().min(1),
  /** @default the package's source BU */
  mid: z.number().int().positive().optional(),
  /** @default the integration's scopes */
  scopes: z.array(z.string()).optional(),
});

export const installationBody = z.strictObject({
  /** The customer's Access tab. @default "all" */
  businessUnits: z.union([z.literal('all'), z.array(z.number().int().positive())]).default('all'),
});
