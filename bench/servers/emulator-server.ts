/**
 * @module
 * Bench child process: the real emulator server (ES256), seeded with one server-to-server
 * integration. Prints one JSON line `{url, tokenUrl, body}` for the load generator.
 */
import { startEmulatorServer } from '@grantform/emulator/server';

// Exit on SIGTERM through process.exit, so `--cpu-prof` (when profiling a bench server) writes its profile.
process.on('SIGTERM', () => process.exit(0));

const TSSD = 'mcbenchbenchbenchbenchbench0';
const running = await startEmulatorServer({
  port: 0,
  seed: {
    apiVersion: 'grantform.dev/v1',
    resources: [
      {
        address: 't',
        kind: 'tenant',
        dependsOn: [],
        spec: {
          name: 'bench',
          subdomain: TSSD,
          stackKey: 'S7',
          enterpriseMid: 1,
          businessUnits: [{ mid: 1, name: 'B', parentMid: null }],
        },
      },
      {
        address: 't/p',
        kind: 'installed-package',
        dependsOn: ['t'],
        spec: { tenant: 't', name: 'p', description: '', legacy: false, sourceMid: 1 },
      },
      {
        address: 't/p/api',
        kind: 'api-integration',
        dependsOn: ['t/p'],
        spec: {
          package: 't/p',
          type: 'server-to-server',
          scopes: ['email_read', 'data_extensions_read'],
          redirectUris: [],
          businessUnits: 'all',
          clientSecret: { env: 'X' },
          pkce: 'optional',
        },
      },
    ],
  },
});
const c = running.credentials[0]!;
process.stdout.write(
  `${JSON.stringify({ url: running.url, tokenUrl: `${c.authBaseUrl}v2/token`, body: { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret } })}\n`,
);
