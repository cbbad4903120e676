/**
 * @module
 * What the target holds of a Marketing Cloud component's spec (its settings, without local
 * references): the admin API's request bodies, and the memory driver's records.
 */
import type { ApiIntegrationSpec, MarketingCloudAppSpec } from '@grantform/config';
import type { JsonObject } from '../../json.js';

/** What the target holds of an API integration's spec (no local references). */
export function integrationSettings(spec: ApiIntegrationSpec): JsonObject {
  return {
    type: spec.type,
    scopes: [...spec.scopes],
    redirectUris: [...spec.redirectUris],
    businessUnits: spec.businessUnits === 'all' ? 'all' : [...spec.businessUnits],
    pkce: spec.pkce,
  };
}

/** What the target holds of a Marketing Cloud App's spec (no local references). */
export function appSettings(spec: MarketingCloudAppSpec): JsonObject {
  return {
    loginUrl: spec.loginUrl,
    redirectUrl: spec.redirectUrl,
    logoutUrl: spec.logoutUrl,
    claimsVersion: spec.claimsVersion,
  };
}
