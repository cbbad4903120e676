// sfmc-sdk 2.1.2, unmodified, with the real auth URL (it refuses any other form). Its HTTP client is
// axios (Node http adapter): axios takes HTTPS_PROXY / NO_PROXY from the environment (proxy-from-env)
// and, since 1.16.1, tunnels https:// requests with CONNECT; Node adds NODE_EXTRA_CA_CERTS to its roots
// at start. So nothing here knows about the emulator. Needs SFMC_AUTH_URL, SFMC_CLIENT_ID,
// SFMC_CLIENT_SECRET and SFMC_ACCOUNT_ID. Prints {"tokenContext": …, "businessUnits": …} as one line.
import SDK from 'sfmc-sdk';

const sdk = new SDK({
  client_id: process.env.SFMC_CLIENT_ID,
  client_secret: process.env.SFMC_CLIENT_SECRET,
  auth_url: process.env.SFMC_AUTH_URL,
  account_id: process.env.SFMC_ACCOUNT_ID,
});
const tokenContext = await sdk.rest.get('/platform/v1/tokenContext');
const retrieved = await sdk.soap.retrieve('BusinessUnit', ['ID', 'Name'], {});
console.log(JSON.stringify({ tokenContext, businessUnits: retrieved.Results }));
