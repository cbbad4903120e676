import { describe, expect, it } from 'vitest';
import { AUTHZ, setupCtct } from './vendors/constant-contact/test-fixtures.js';
import { mcContext } from './vendors/marketing-cloud/context.js';
import { AUTH, REDIRECT, setup } from './vendors/marketing-cloud/testing/fixtures.js';

const INTERACTION = /name="interaction" value="([^"]+)"/;
const form = (f: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(f) });
const DROPPED =
  '3 authorize logins are in progress (maxPendingAuthorizations): the oldest unfinished one was dropped; its user must start again';

describe('pending authorize logins are capped (maxPendingAuthorizations)', () => {
  it('drops the oldest login past the cap, with one warning, and the newest still logs in', async () => {
    // GIVEN an emulator that keeps 3 logins in progress and records warnings
    const warnings: string[] = [];
    const s = await setup({ maxPendingAuthorizations: 3, logger: { warn: (m) => warnings.push(m) } });
    const open = async (state: string) => {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: s.web.clientId,
        redirect_uri: REDIRECT,
        state,
      });
      const page = await s.app.request(`${AUTH}/v2/authorize?${q}`);
      expect(page.status).toBe(200);
      return INTERACTION.exec(await page.text())![1]!;
    };
    const login = (interaction: string) =>
      s.app.request(`${AUTH}/v2/authorize/login`, form({ interaction, username: 'admin@acme', password: 'grantform' }));
    // WHEN five login pages are opened, each with a 2 KB state
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await open(`${i}`.padEnd(2048, 'x')));
    // THEN only the last three are kept: the first gets the "start again" page, the last logs in
    expect(mcContext(s.app.context).interactions.size).toBe(3);
    const first = await login(ids[0]!);
    expect(first.status).toBe(400);
    expect(await first.text()).toContain('The login session has expired or is unknown. Start again.');
    const last = await login(ids[4]!);
    expect(await last.text()).toContain('<li>email_read</li><li>offline</li>');
    // AND the drop was reported once (later ones within the minute are held back)
    expect(warnings).toEqual([DROPPED]);
  });

  it('clears expired logins before dropping a live one', async () => {
    // GIVEN three logins in progress at the cap, ten minutes old
    const warnings: string[] = [];
    const s = await setup({ maxPendingAuthorizations: 3, logger: { warn: (m) => warnings.push(m) } });
    const q = new URLSearchParams({ response_type: 'code', client_id: s.web.clientId, redirect_uri: REDIRECT });
    for (let i = 0; i < 3; i++) await s.app.request(`${AUTH}/v2/authorize?${q}`);
    s.advance(600);
    // WHEN one more is opened
    await s.app.request(`${AUTH}/v2/authorize?${q}`);
    // THEN the expired three are gone, nothing live was dropped, nothing was reported
    expect(mcContext(s.app.context).interactions.size).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('applies to Constant Contact logins too', async () => {
    // GIVEN the Constant Contact emulation with a cap of 3
    const warnings: string[] = [];
    const s = await setupCtct({ maxPendingAuthorizations: 3, logger: { warn: (m) => warnings.push(m) } });
    const open = async () => {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: s.newsletter.apiKey,
        redirect_uri: 'https://app.example.com/ctct/callback',
        scope: 'account_read',
        state: 'st4te',
      });
      const page = await s.app.request(`${AUTHZ}/oauth2/default/v1/authorize?${q}`);
      return INTERACTION.exec(await page.text())![1]!;
    };
    // WHEN four login pages are opened
    const first = await open();
    for (let i = 0; i < 3; i++) await open();
    // THEN the first is gone
    const res = await s.app.request(`${AUTHZ}/oauth2/default/v1/authorize/login`, form({ interaction: first }));
    expect(await res.text()).toContain('The login session has expired or is unknown. Start again.');
    expect(warnings).toEqual([DROPPED]);
  });
});
