/**
 * @module
 * @grantform/testing: run the emulator in-process, seeded from a config or a manifest, and route the
 * vendors' real hostnames into it, so application code runs unmodified in tests. The vitest setup
 * module is `@grantform/testing/vitest`.
 */
export { ADMIN_ORIGIN, AdminApiError, type AdminClient } from './admin-client.js';
export type { ClockSource, TestClock } from './clock.js';
export {
  CredentialsSet,
  clientIdEnvFor,
  type IntegrationCredentials,
  type IntegrationType,
  type PublicAppCredentials,
  type ServerToServerCredentials,
  type TestUser,
  vendorBaseUrl,
  type WebAppCredentials,
} from './credentials.js';
export type { FaultAction, FaultMatch, FaultRule, FaultRuleInput, Faults } from './faults.js';
export { guardNetwork, isNetworkGuarded, LOOPBACK, releaseNetwork } from './net-guard.js';
export {
  type AuthorizationCode,
  type AuthorizationCodeOptions,
  type AuthorizeResult,
  authorizeUrl,
  type CompleteAuthorizeOptions,
  createPkce,
  type Pkce,
  type TokenOptions,
  TokenRequestError,
  type TokenResponse,
} from './oauth.js';
export {
  assertNotRequested,
  assertRequested,
  formatRequests,
  matchesRequest,
  type RequestMatcher,
} from './request-log.js';
export {
  type HostRouting,
  type RequestableApp,
  type RouteHostsOptions,
  routeHosts,
  VENDOR_HOST_PATTERNS,
} from './route-hosts.js';
export {
  type LoginResult,
  type RequestQuery,
  type StartEmulatorOptions,
  startEmulator,
  type TestEmulator,
} from './start-emulator.js';
