import { describe, expect, it } from 'vitest';
import { virtualPath } from './index.js';

const T = 'mc563885gzs27c5t9-63k636ttgm';
const p = (url: string) => virtualPath(new Request(url));

describe('virtualPath', () => {
  it('maps path-style and host-style addresses, lower-casing and collapsing //', () => {
    expect(p(`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com/v2/token?x=1`)).toBe(`/~auth/${T}/p/v2/token`);
    expect(p(`http://127.0.0.1:4010/${T}.REST.marketingcloudapis.com//Platform/v1/TokenContext`)).toBe(
      `/~rest/${T}/p/platform/v1/tokencontext`,
    );
    expect(p(`https://${T}.soap.marketingcloudapis.com/Service.asmx`)).toBe(`/~soap/${T}/h/service.asmx`);
    expect(p(`http://${T}.auth.marketingcloudapis.com:8443//v2//token`)).toBe(`/~auth/${T}/h/v2/token`);
    expect(p(`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com`)).toBe(`/~auth/${T}/p/`);
  });
  it('keeps base-URL paths as they are and never lets them pose as a virtual host', () => {
    expect(p('http://127.0.0.1:4010/_emulator/Tenants')).toBe('/_emulator/Tenants');
    expect(p('http://127.0.0.1:4010/~auth/x/p/v2/token')).toBe('/!/~auth/x/p/v2/token');
    expect(p('http://127.0.0.1:4010/mcshort.auth.marketingcloudapis.com/v2/token')).toBe(
      '/mcshort.auth.marketingcloudapis.com/v2/token',
    );
  });
  it('answers a repeated URL the same as the first time, for every form, past the memo size', () => {
    // GIVEN URLs of every form, with and without a query, called repeatedly and interleaved
    const cases: [string, string][] = [
      [`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com/v2/token`, `/~auth/${T}/p/v2/token`],
      [`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com/v2/token?a=1`, `/~auth/${T}/p/v2/token`],
      [`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com/v2/token#f`, `/~auth/${T}/p/v2/token`],
      [`https://${T}.rest.marketingcloudapis.com/Platform/v1/TokenContext`, `/~rest/${T}/h/platform/v1/tokencontext`],
      ['http://127.0.0.1:4010/_emulator/Tenants', '/_emulator/Tenants'],
    ];
    // WHEN each is mapped before and after 3,000 distinct paths went through (the memo holds 1,024)
    const first = cases.map(([url]) => p(url));
    for (let i = 0; i < 3000; i++)
      expect(p(`http://127.0.0.1:4010/_emulator/tenants/t${i}`)).toBe(`/_emulator/tenants/t${i}`);
    const again = cases.map(([url]) => p(url));
    // THEN both times give the expected mapping
    expect(first).toEqual(cases.map(([, v]) => v));
    expect(again).toEqual(cases.map(([, v]) => v));
  });
  it('maps the same path on different hosts by each host', () => {
    // GIVEN one path on the emulator's own host and on a tenant host
    // WHEN both are mapped, the path-style one first
    const byPath = p(`http://127.0.0.1:4010/${T}.auth.marketingcloudapis.com/v2/token`);
    const byHost = p(`http://${T}.auth.marketingcloudapis.com/v2/token`);
    // THEN the memo keeps them apart
    expect([byPath, byHost]).toEqual([`/~auth/${T}/p/v2/token`, `/~auth/${T}/h/v2/token`]);
  });
});
