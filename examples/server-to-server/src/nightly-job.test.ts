/**
 * The nightly job, unmodified, against an in-process emulator seeded from this example's config.
 * Its `fetch` calls to `https://{tssd}.*.marketingcloudapis.com` are routed in process: no network.
 */
import '@grantform/testing/vitest';
import { startEmulator, type TestEmulator } from '@grantform/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import app from '../grantform.config.js';
import { NightlyJobError, parseBusinessUnits, runNightlyJob } from './nightly-job.js';

describe('examples/server-to-server: the nightly job', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ app });
    emulator.route();
  });
  afterEach(() => emulator.dispose());

  const credentials = () => emulator.credentials.get('northwind/nightly-sync/api', 'server-to-server');

  it('gets a token per business unit and reads REST and SOAP with it', async () => {
    // GIVEN the credentials the emulator issued for this config
    const { clientId, clientSecret, authUrl, restUrl, soapUrl, subdomain } = credentials();
    // WHEN the job runs for both regions
    const report = await runNightlyJob({ clientId, clientSecret, authUrl, businessUnits: [501, 502] });
    // THEN each token was for its own business unit, on the real host names
    expect(report.map((r) => [r.mid, r.tokenMid, r.enterpriseId])).toEqual([
      [501, 501, 500],
      [502, 502, 500],
    ]);
    expect(report[0]).toMatchObject({
      scopes: ['data_extensions_read', 'email_read', 'list_and_subscribers_read'],
      restUrl,
      soapUrl,
      endpoints: {
        rest: restUrl,
        soap: `${soapUrl}Service.asmx`,
        ftp: `ftp://${subdomain}.ftp.marketingcloudops.com`,
      },
    });
    // AND SOAP, with each BU's token, sees that BU
    expect(report.map((r) => r.soapBusinessUnits)).toEqual([
      [{ id: 501, name: 'Northwind US' }],
      [{ id: 502, name: 'Northwind EU' }],
    ]);
    // AND the emulator saw, per BU, one token request, two REST calls and one SOAP call
    await emulator.assertRequested({ kind: 'auth', path: '/v2/token', status: 200, clientId }, 2);
    await emulator.assertRequested({ kind: 'rest', status: 200 }, 4);
    await emulator.assertRequested({ kind: 'soap', method: 'POST', path: '/service.asmx', status: 200 }, 2);
  });

  it('can skip SOAP', async () => {
    const { clientId, clientSecret, authUrl } = credentials();
    const [us] = await runNightlyJob({ clientId, clientSecret, authUrl, businessUnits: [501], soap: false });
    expect(us?.soapBusinessUnits).toBeNull();
    await emulator.assertNotRequested({ kind: 'soap' });
  });

  it('stops at the first business unit the integration may not use', async () => {
    // GIVEN the enterprise BU, which the config does not enable
    const { clientId, clientSecret, authUrl } = credentials();
    // WHEN
    const run = runNightlyJob({ clientId, clientSecret, authUrl, businessUnits: [500, 501], soap: false });
    // THEN
    await expect(run).rejects.toThrow(NightlyJobError);
    await expect(run).rejects.toMatchObject({ step: 'token for 500', status: 401 });
    await emulator.assertNotRequested({ kind: 'rest' });
  });
});

describe('parseBusinessUnits', () => {
  it('reads ID and Name of each result', () => {
    const xml =
      '<RetrieveResponseMsg><OverallStatus>OK</OverallStatus><Results xsi:type="BusinessUnit"><ID>501</ID>' +
      '<Name>Northwind US</Name></Results><Results xsi:type="BusinessUnit"><Name>EU</Name><ID>502</ID></Results>' +
      '</RetrieveResponseMsg>';
    expect(parseBusinessUnits(xml)).toEqual([
      { id: 501, name: 'Northwind US' },
      { id: 502, name: 'EU' },
    ]);
  });

  it('refuses a response whose OverallStatus is an error', () => {
    expect(() => parseBusinessUnits('<OverallStatus>Error: bad</OverallStatus>')).toThrow(NightlyJobError);
  });
});
