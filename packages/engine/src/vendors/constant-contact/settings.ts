/**
 * @module
 * What the target holds of a Constant Contact spec that can change in place: the admin API's
 * create and patch bodies, and the memory driver's records.
 */
import type { CtctApplicationSpec, CtctClientAccountSpec } from '@grantform/config';
import type { JsonObject } from '../../json.js';

/** What the target holds of an application's spec that can change in place. */
export function applicationSettings(spec: CtctApplicationSpec): JsonObject {
  return {
    name: spec.name,
    redirectUris: [...spec.redirectUris],
    scopes: [...spec.scopes],
    pkce: spec.pkce,
    refreshTokens: spec.refreshTokens,
  };
}

/** What the target holds of a client account's spec that can change in place. */
export function accountSettings(spec: CtctClientAccountSpec): JsonObject {
  return {
    managed: spec.managed,
    contactEmail: spec.contactEmail,
    organizationName: spec.organizationName,
    countryCode: spec.countryCode,
    stateCode: spec.stateCode,
    firstName: spec.firstName,
    lastName: spec.lastName,
  };
}
