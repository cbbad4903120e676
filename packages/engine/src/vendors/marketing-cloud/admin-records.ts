/**
 * @module
 * Marketing Cloud records as the emulator's admin API reports them, mapped to target attributes (the
 * attributes the descriptors compare, plus the computed ones). Pure.
 */
import type { JsonObject } from '../../json.js';

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
  };
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
