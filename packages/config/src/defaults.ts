/**
 * @module
 * The defaults of every resource's optional props, in one table: the constructs resolve their
 * props with it, and front ends that declare the same resources another way (the Terraform
 * provider's schemas) take their defaults from it too, so a default is written once.
 */
import { DEFAULT_STACK_KEY } from './naming.js';

export const DEFAULTS = {
  tenant: { stackKey: DEFAULT_STACK_KEY },
  'installed-package': { description: '', legacy: false },
  'api-integration': { redirectUris: [] as readonly string[], businessUnits: 'all' as const },
  'marketing-cloud-app': { claimsVersion: 2 as const },
  'ctct-application': {
    type: 'confidential' as const,
    redirectUris: [] as readonly string[],
    refreshTokens: 'rotating' as const,
  },
  'ctct-client-account': { managed: true, countryCode: 'US', stateCode: '', firstName: '', lastName: '' },
} as const;

/**
 * PKCE when not set: `required` where the client has no secret (a Marketing Cloud `public-app`, a
 * Constant Contact `public` application), `optional` otherwise.
 * @example defaultPkce('public-app') // 'required'
 */
export function defaultPkce(type: string): 'optional' | 'required' {
  return type === 'public-app' || type === 'public' ? 'required' : 'optional';
}
