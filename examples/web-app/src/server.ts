/**
 * @module
 * Serves the portal over HTTPS on 127.0.0.1:8443 (the registered redirect URI is
 * `https://127.0.0.1:8443/oauth/callback`). Settings from the environment:
 *
 *   PORTAL_CLIENT_ID, PORTAL_CLIENT_SECRET   the integration's credentials
 *   PORTAL_AUTH_URL                          https://{tssd}.auth.marketingcloudapis.com/
 *   TLS_CERT, TLS_KEY                        PEM files for 127.0.0.1 (e.g. made with mkcert)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { serve } from '@hono/node-server';
import { createWebApp } from './app.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const app = createWebApp({
  clientId: required('PORTAL_CLIENT_ID'),
  clientSecret: required('PORTAL_CLIENT_SECRET'),
  authUrl: required('PORTAL_AUTH_URL'),
  redirectUri: 'https://127.0.0.1:8443/oauth/callback',
});

serve(
  {
    fetch: app.fetch,
    hostname: '127.0.0.1',
    port: 8443,
    createServer,
    serverOptions: { cert: readFileSync(required('TLS_CERT')), key: readFileSync(required('TLS_KEY')) },
  },
  (info) => process.stdout.write(`portal on https://127.0.0.1:${info.port}/\n`),
);
