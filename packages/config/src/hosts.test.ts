import { describe, expect, it } from 'vitest';
import {
  CONSTANT_CONTACT_HOSTS,
  constantContactBaseUrls,
  EXACTTARGET_AUTH_HOST,
  exactTargetAuthHost,
  MARKETING_CLOUD_TENANT_HOST,
  marketingCloudBase,
  ROUTED_ORIGIN_PATTERNS,
  servedHosts,
} from './hosts.js';

const TSSD = 'mc563885gzs27c5t9-63k636ttgm';

describe('vendor host tables', () => {
  it('builds Marketing Cloud and Constant Contact base URLs, on the vendor or on an emulator origin', () => {
    // WHEN / THEN
    expect(marketingCloudBase(TSSD, 'rest')).toBe(`https://${TSSD}.rest.marketingcloudapis.com/`);
    expect(marketingCloudBase(TSSD, 'auth', 'http://127.0.0.1:4010/')).toBe(
      `http://127.0.0.1:4010/${TSSD}.auth.marketingcloudapis.com/`,
    );
    expect(exactTargetAuthHost('default')).toBe('auth.exacttargetapis.com');
    expect(exactTargetAuthHost('s7')).toBe('auth-s7.exacttargetapis.com');
    expect(constantContactBaseUrls()).toEqual({
      authz: 'https://authz.constantcontact.com',
      identity: 'https://identity.constantcontact.com',
      api: 'https://api.cc.email',
      cognito: 'https://v3api-partner.auth.us-east-1.amazoncognito.com',
    });
    expect(constantContactBaseUrls('http://127.0.0.1:4010').api).toBe('http://127.0.0.1:4010/api.cc.email');
  });

  it('reads the tenant and the stack out of host names', () => {
    expect(MARKETING_CLOUD_TENANT_HOST.exec(`${TSSD.toUpperCase()}.SOAP.marketingcloudapis.com.`)?.slice(1)).toEqual([
      TSSD.toUpperCase(),
      'SOAP',
    ]);
    expect(MARKETING_CLOUD_TENANT_HOST.test('mcshort.auth.marketingcloudapis.com')).toBe(false);
    expect(EXACTTARGET_AUTH_HOST.exec('auth-s10.exacttargetapis.com')?.[1]).toBe('s10');
    expect(EXACTTARGET_AUTH_HOST.exec('auth.exacttargetapis.com')?.[1]).toBeUndefined();
  });

  it('lists every served host pattern per vendor, each telling its own host names apart', () => {
    // WHEN
    const patterns = servedHosts().map((h) => `${h.vendor} ${h.pattern}`);
    // THEN
    expect(patterns).toEqual([
      'marketing-cloud *.auth.marketingcloudapis.com',
      'marketing-cloud *.rest.marketingcloudapis.com',
      'marketing-cloud *.soap.marketingcloudapis.com',
      'marketing-cloud auth.exacttargetapis.com',
      'marketing-cloud auth-s*.exacttargetapis.com',
      'marketing-cloud auth-test.exacttargetapis.com',
      'constant-contact authz.constantcontact.com',
      'constant-contact identity.constantcontact.com',
      'constant-contact api.cc.email',
      'constant-contact v3api-partner.auth.us-east-1.amazoncognito.com',
    ]);
    expect(servedHosts('constant-contact').map((h) => h.pattern)).toEqual(Object.values(CONSTANT_CONTACT_HOSTS));
    const which = (name: string) =>
      servedHosts()
        .filter((h) => h.test(name))
        .map((h) => h.pattern);
    expect(which(`${TSSD}.rest.marketingcloudapis.com`)).toEqual(['*.rest.marketingcloudapis.com']);
    expect(which('AUTH-S7.exacttargetapis.com')).toEqual(['auth-s*.exacttargetapis.com']);
    expect(which('auth.exacttargetapis.com')).toEqual(['auth.exacttargetapis.com']);
    expect(which('auth-test.exacttargetapis.com')).toEqual(['auth-test.exacttargetapis.com']);
    expect(which('API.cc.email.')).toEqual(['api.cc.email']);
    expect(which('www.exacttargetapis.com')).toEqual([]);
  });

  it('routes wider origins than it serves, so a stray test request never reaches the network', () => {
    const routed = (url: string) =>
      Object.entries(ROUTED_ORIGIN_PATTERNS).flatMap(([vendor, list]) =>
        list.some((p) => p.test(url)) ? [vendor] : [],
      );
    expect(routed('https://anything.auth.marketingcloudapis.com:443')).toEqual(['marketing-cloud']);
    expect(routed('https://webservice.s7.exacttargetapis.com')).toEqual(['marketing-cloud']);
    expect(routed('https://identity.constantcontact.com')).toEqual(['constant-contact']);
    expect(routed('https://example.com')).toEqual([]);
  });
});
