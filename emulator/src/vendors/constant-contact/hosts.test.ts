import { describe, expect, it } from 'vitest';
import { virtualPath } from '../../index.js';
import { AUTHZ, setupCtct } from './test-fixtures.js';

describe('Constant Contact addressing', () => {
  it('maps the hosts by Host header and as the first path segment, keeping the path case', () => {
    expect(virtualPath(new Request('https://identity.constantcontact.com/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys'))).toBe(
      '/~ctct/identity/h/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys',
    );
    expect(virtualPath(new Request('http://127.0.0.1:4010/API.CC.EMAIL/v3/contacts/AbC'))).toBe(
      '/~ctct/api/p/v3/contacts/AbC',
    );
    expect(
      virtualPath(new Request('http://127.0.0.1:4010/v3api-partner.auth.us-east-1.amazoncognito.com/oauth2/token')),
    ).toBe('/~ctct/cognito/p/oauth2/token');
    expect(virtualPath(new Request('https://authz.constantcontact.com:443/oauth2/default/v1/token?x=1'))).toBe(
      '/~ctct/authz/h/oauth2/default/v1/token',
    );
    // other hosts and paths are untouched; a base-URL path may not pose as a virtual host
    expect(virtualPath(new Request('http://127.0.0.1:4010/example.com/v3'))).toBe('/example.com/v3');
    expect(virtualPath(new Request('http://127.0.0.1:4010/~ctct/api/h/v3'))).toBe('/!/~ctct/api/h/v3');
  });

  it('answers URLs in the form the request used', async () => {
    const s = await setupCtct();
    const start = (base: string) =>
      s.app.request(`${base}/oauth2/default/v1/device/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `client_id=${s.desktop.apiKey}&scope=contact_data`,
      });
    const byHost = (await (await start('https://authz.constantcontact.com')).json()) as { verification_uri: string };
    const byPath = (await (await start(AUTHZ)).json()) as { verification_uri: string };
    expect(byHost.verification_uri).toBe('https://authz.constantcontact.com/activate');
    expect(byPath.verification_uri).toBe('http://localhost/authz.constantcontact.com/activate');
  });
});
