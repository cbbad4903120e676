/**
 * @module
 * Entry point: reads its settings from the environment and prints the report as JSON.
 *
 *   NIGHTLY_SYNC_CLIENT_ID, NIGHTLY_SYNC_CLIENT_SECRET   the integration's credentials
 *   NIGHTLY_SYNC_AUTH_URL                                https://{tssd}.auth.marketingcloudapis.com/
 *   NIGHTLY_SYNC_MIDS                                    comma-separated MIDs (default 501,502)
 */
import { runNightlyJob } from './nightly-job.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const report = await runNightlyJob({
  clientId: required('NIGHTLY_SYNC_CLIENT_ID'),
  clientSecret: required('NIGHTLY_SYNC_CLIENT_SECRET'),
  authUrl: required('NIGHTLY_SYNC_AUTH_URL'),
  businessUnits: (process.env.NIGHTLY_SYNC_MIDS ?? '501,502').split(',').map(Number),
  soap: process.env.NIGHTLY_SYNC_SOAP !== '0',
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
