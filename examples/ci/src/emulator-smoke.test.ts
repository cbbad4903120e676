/**
 * The tests CI runs against the emulator it started (`run.sh`, `github-actions.yml`): they read the
 * seeded fixtures' credentials from `GRANTFORM_CREDENTIALS` (the emulator's `--credentials-out`) and
 * talk to `GRANTFORM_ENDPOINT` on 127.0.0.1. Without those variables (a plain `vitest run`) they are
 * skipped.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const endpoint = process.env.GRANTFORM_ENDPOINT;
const credentialsFile = process.env.GRANTFORM_CREDENTIALS;

interface CredentialsEntry {
  address: string;
  type: string;
  clientId: string;
  clientSecret?: string;
  authBaseUrl: string;
  restBaseUrl: string;
  businessUnits: number[];
}

describe.runIf(endpoint !== undefined && credentialsFile !== undefined)(
  'CI smoke test against the running emulator',
  () => {
    /** The `--credentials-out` file: `{ credentials: [...] }`. */
    const credentials = async () =>
      (JSON.parse(await readFile(credentialsFile ?? '', 'utf8')) as { credentials: CredentialsEntry[] }).credentials;

    it('issues a token for the seeded fixture and reports its business unit', async () => {
      // GIVEN the seeded fixture's credentials (path-style URLs on the emulator)
      const smoke = (await credentials()).find((c) => c.address === 'tailspin-fixtures/smoke/api');
      expect(smoke?.authBaseUrl.startsWith(`${endpoint}/`)).toBe(true);
      // WHEN it gets a token for BU 491 and asks who it is
      const tokenRes = await fetch(`${smoke?.authBaseUrl}v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: smoke?.clientId,
          client_secret: smoke?.clientSecret,
          account_id: 491,
        }),
      });
      expect(tokenRes.status).toBe(200);
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const ctx = await fetch(`${smoke?.restBaseUrl}platform/v1/tokenContext`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      // THEN
      expect(await ctx.json()).toMatchObject({ organization: { id: 491 }, enterprise: { id: 490 } });
    });

    it('holds what grantform apply created next to the fixtures', async () => {
      const res = await fetch(`${endpoint}/_emulator/tenants`);
      const { items } = (await res.json()) as { items: { name: string }[] };
      expect(items.map((t) => t.name).sort()).toEqual(['tailspin', 'tailspin-fixtures']);
    });
  },
);
