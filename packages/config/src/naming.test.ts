import { describe, expect, it } from 'vitest';
import { defaultSecretEnv, deriveSubdomain, SUBDOMAIN_PATTERN } from './naming.js';

describe('defaultSecretEnv', () => {
  it('derives the env name from the address', () => {
    expect(defaultSecretEnv('acme/crm-sync/api', 'client-secret')).toBe('GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET');
    expect(defaultSecretEnv('acme/portal/app', 'jwt-signing-secret')).toBe(
      'GRANTFORM_ACME_PORTAL_APP_JWT_SIGNING_SECRET',
    );
  });
});

describe('deriveSubdomain', () => {
  it('is a valid, deterministic subdomain that differs between names', () => {
    // WHEN
    const acme = deriveSubdomain('acme');
    // THEN
    expect(acme).toBe('mcmbce3yrj2wmito8udkq2ncga7v');
    expect(acme).toMatch(SUBDOMAIN_PATTERN);
    expect(deriveSubdomain('acme')).toBe(acme);
    expect(deriveSubdomain('globex')).not.toBe(acme);
  });
});
