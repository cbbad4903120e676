/**
 * @module
 * `fab-cli login`: prints the authorize URL, waits for the redirect URL (paste it, or let the
 * `com.fabrikam.cli://` handler pipe it to stdin), then says which business unit it is logged into.
 *
 *   FAB_CLI_CLIENT_ID   the public app's client id (not a secret)
 *   FAB_CLI_AUTH_URL    https://{tssd}.auth.marketingcloudapis.com/
 */
import { createInterface } from 'node:readline/promises';
import { login, whoAmI } from './login.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const rl = createInterface({ input: process.stdin, output: process.stderr });
const tokens = await login({
  clientId: required('FAB_CLI_CLIENT_ID'),
  authUrl: required('FAB_CLI_AUTH_URL'),
  redirectUri: 'com.fabrikam.cli://oauth/callback',
  openBrowser: async (url) => {
    process.stderr.write(`Open this URL and log in:\n\n  ${url}\n\n`);
    return rl.question('Then paste the com.fabrikam.cli://… URL you were sent to: ');
  },
});
rl.close();
process.stdout.write(`logged in to business unit ${await whoAmI(tokens)} (scopes: ${tokens.scope})\n`);
