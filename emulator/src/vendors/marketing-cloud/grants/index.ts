/**
 * @module
 * The grant registry.
 */
import { authorizationCode } from './authorization-code.js';
import { clientCredentials } from './client-credentials.js';
import type { GrantModule } from './grant.js';
import { refreshToken } from './refresh-token.js';

export type { GrantModule, GrantRequest } from './grant.js';

export const grants: ReadonlyMap<string, GrantModule> = new Map(
  [clientCredentials, authorizationCode, refreshToken].map((g) => [g.grantType, g]),
);
