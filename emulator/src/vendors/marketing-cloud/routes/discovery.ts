/**
 * @module
 * Key and metadata documents. JWKS at `{auth host}/.well-known/jwks.json` and `/_emulator/jwks.json`;
 * an OAuth/OIDC metadata document at `{auth host}/.well-known/openid-configuration` (an emulator
 * extension the vendor does not serve: it lets generic clients such as openid-client discover the
 * endpoints from the auth base URL alone).
 */
import { Hono } from 'hono';
import type { McContext } from '../context.js';
import { hostBase, vhostOf } from '../hosts.js';

export function discoveryRoutes(ctx: McContext): Hono {
  const app = new Hono();
  app.get('/.well-known/jwks.json', (c) => c.json(ctx.control.keys.jwks()));
  app.get('/.well-known/openid-configuration', (c) => {
    const base = hostBase(vhostOf(c, 'auth'), 'auth');
    return c.json({
      issuer: base,
      authorization_endpoint: `${base}v2/authorize`,
      token_endpoint: `${base}v2/token`,
      userinfo_endpoint: `${base}v2/userinfo`,
      jwks_uri: `${base}.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
      scopes_supported: [],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ctx.options.signingKey.alg],
    });
  });
  return app;
}
