/**
 * @module
 * Wires the Constant Contact hosts into the emulator app (`registerConstantContact`):
 * - `authz.constantcontact.com`: authorize, token, device authorize and activation, partner token,
 *   `/oauth2/default/v1/keys`;
 * - `identity.constantcontact.com`: the issuer's JWKS `/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/keys` and the
 *   same token endpoint;
 * - `api.cc.email`: the v3 API and the partner API;
 * - `v3api-partner.auth.us-east-1.amazoncognito.com`: the partner token.
 * `/.well-known/*` is not served (reported to 404 upstream).
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../../env.js';
import { jwks } from '../../keys.js';
import { authorizeRoutes } from './authorize.js';
import { deviceRoutes } from './device.js';
import { CTCT_AUTH_SERVER_ID, ctctMount } from './hosts.js';
import { partnerRoutes } from './partner-api.js';
import { cognitoTokenHandler, partnerTokenHandler } from './partner-token.js';
import { ctctState } from './state.js';
import { tokenHandler } from './token.js';
import { v3Routes } from './v3.js';

/** Registers every Constant Contact host on `app`. */
export function registerConstantContact(app: Hono, ctx: EmulatorContext): void {
  const state = ctctState(ctx);
  const keys = () => jwks([state.key()]);
  const token = tokenHandler(ctx);

  const authz = new Hono();
  authz.post('/oauth2/default/v1/token', token);
  authz.get('/oauth2/default/v1/keys', (c) => c.json(keys()));
  authz.post('/partners/oauth2/default/v1/token', partnerTokenHandler(ctx));
  authz.route('/', authorizeRoutes(ctx));
  authz.route('/', deviceRoutes(ctx));
  app.route(ctctMount('authz'), authz);

  const identity = new Hono();
  identity.get(`/oauth2/${CTCT_AUTH_SERVER_ID}/v1/keys`, (c) => c.json(keys()));
  identity.post(`/oauth2/${CTCT_AUTH_SERVER_ID}/v1/token`, token);
  app.route(ctctMount('identity'), identity);

  const v3 = v3Routes(ctx);
  const api = new Hono();
  api.route('/v3/partner', partnerRoutes(ctx, v3));
  api.route('/v3', v3);
  app.route(ctctMount('api'), api);

  const cognito = new Hono();
  cognito.post('/oauth2/token', cognitoTokenHandler(ctx));
  app.route(ctctMount('cognito'), cognito);
}
