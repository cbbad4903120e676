import { describe, expect, it } from 'vitest';
import { API, setupCtct, userTokens } from './vendors/constant-contact/test-fixtures.js';
import { REST, setup, tokenRequest } from './vendors/marketing-cloud/testing/fixtures.js';
import { bearer } from './vendors/marketing-cloud/testing/instance-fixtures.js';

const WARNING =
  '2 access-token records are kept (maxAccessTokens) and none had expired: the oldest unexpired token was dropped and is now refused like a revoked one; raise --max-access-tokens if clients keep tokens that long';

async function harness() {
  const warnings: string[] = [];
  const s = await setup({ maxAccessTokens: 2, logger: { warn: (m) => warnings.push(m) } });
  const token = async () => {
    const res = await tokenRequest(s.app, {
      grant_type: 'client_credentials',
      client_id: s.s2s.clientId,
      client_secret: s.s2s.clientSecret,
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const works = async (t: string) => (await s.app.request(`${REST}/platform/v1/tokenContext`, bearer(t))).status;
  return { s, warnings, token, works };
}

describe('the access-token cap (maxAccessTokens)', () => {
  it('drops the oldest unexpired token only when no record has expired, and warns', async () => {
    // GIVEN an emulator keeping 2 access-token records
    const { warnings, token, works } = await harness();
    // WHEN three tokens are issued within their lifetime
    const [t1, t2, t3] = [await token(), await token(), await token()];
    // THEN the first is refused like a revoked one, the others work, and the operator was told
    expect([await works(t1), await works(t2), await works(t3)]).toEqual([401, 200, 200]);
    expect(warnings).toEqual([WARNING]);
  });

  it('makes room from expired tokens first: no live token is dropped and nothing is reported', async () => {
    // GIVEN two tokens that have expired, and the cap of 2
    const { s, warnings, token, works } = await harness();
    await token();
    await token();
    s.advance(1201);
    // WHEN two more are issued
    const [t3, t4] = [await token(), await token()];
    // THEN both work and there was no warning
    expect([await works(t3), await works(t4)]).toEqual([200, 200]);
    expect(warnings).toEqual([]);
  });

  it('bounds Constant Contact access tokens the same way', async () => {
    // GIVEN the Constant Contact emulation keeping 2 access-token records
    const warnings: string[] = [];
    const s = await setupCtct({
      maxAccessTokens: 2,
      logger: { warn: (m) => warnings.push(m) },
      constantContact: { rateLimits: false },
    });
    const works = async (token: string) =>
      (await s.app.request(`${API}/v3/account/summary`, { headers: { authorization: `Bearer ${token}` } })).status;
    // WHEN three user tokens are issued
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push((await userTokens(s, 'account_read')).access_token);
    // THEN the oldest is refused, the others work, and the operator was told
    expect([await works(tokens[0]!), await works(tokens[1]!), await works(tokens[2]!)]).toEqual([401, 200, 200]);
    expect(warnings).toEqual([
      '2 Constant Contact access-token records are kept (maxAccessTokens) and none had expired: the oldest unexpired token was dropped and is now refused; raise --max-access-tokens if clients keep tokens that long',
    ]);
  });
});
