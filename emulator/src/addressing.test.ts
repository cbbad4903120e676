import { describe, expect, it } from 'vitest';
import { virtualPath } from './addressing.js';

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
});
