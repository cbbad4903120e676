/**
 * @module
 * Marketing Cloud records as the emulator's admin API reports them, mapped to target attributes (the
 * attributes the descriptors compare, plus the computed ones). Pure.
 */
import { secretStatusAttribute } from '../../drivers/admin-client.js';
import type { JsonObject } from '../../json.js';
import { isJsonObject } from '../../json.js';

/** Target attributes of a tenant as the admin API reports it. */
export function tenantAttributes(t: JsonObject): JsonObject {
  return {
    subdomain: t.subdomain ?? null,
    name: t.name ?? null,
    stackKey: t.stackKey ?? null,
    enterpriseMid: t.enterpriseMid ?? null,
    businessUnits: t.businessUnits ?? [],
    endpoints: t.endpoints ?? null,
  };
}

export function packageAttributes(p: JsonObject): JsonObject {
  return {
    name: p.name ?? null,
    description: p.description ?? null,
    legacy: p.legacy ?? null,
    sourceMid: p.sourceMid ?? null,
    secretStatus: jwtSigningSecretStatus(p.jwtSigningSecretStatus),
  };
}

/** The JWT signing secret's dates (`{createdAt, expiresAt}`: it has no staged rotation), or `null`. */
function jwtSigningSecretStatus(view: JsonObject[string] | undefined): JsonObject | null {
  if (!isJsonObject(view)) return null;
  const generatedAt = typeof view.createdAt === 'string' ? view.createdAt : null;
  const expiresAt = typeof view.expiresAt === 'string' ? view.expiresAt : null;
  return { jwtSigningSecret: { generatedAt, expiresAt, staged: null } };
}

export function integrationAttributes(i: JsonObject): JsonObject {
  return {
    type: i.type ?? null,
    scopes: i.scopes ?? [],
    redirectUris: i.redirectUris ?? [],
    businessUnits: i.businessUnits ?? [],
    pkce: i.pkce ?? null,
    clientId: i.clientId ?? null,
    endpoints: i.endpoints ?? null,
    ...secretStatusAttribute('clientSecret', i.secretStatus),
  };
}

export function appAttributes(a: JsonObject): JsonObject {
  return {
    loginUrl: a.loginUrl ?? null,
    redirectUrl: a.redirectUrl ?? null,
    logoutUrl: a.logoutUrl ?? null,
    claimsVersion: a.claimsVersion ?? null,
  };
}
