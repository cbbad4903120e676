/**
 * @module
 * The user token endpoint: `POST https://authz.constantcontact.com/oauth2/default/v1/token` (and the
 * same path on the identity issuer host, `/oauth2/aus1lm3ry9mF7x2Ja0h8/v1/token`). Parameters in
 * the query string with an empty body, or in a form body; Basic client authentication (or
 * `client_id` alone for public applications). Errors are Okta's flat `{error, error_description}`.
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../../env.js';
import { noteClientId } from '../../pipeline.js';
import { usageSink } from '../../usage/probe.js';
import { authenticateApplication } from './client-auth.js';
import { CTCT_MESSAGES, OktaError, oktaInvalidRequest } from './errors.js';
import { authorizationCodeGrant, DEVICE_GRANT, deviceCodeGrant, refreshTokenGrant } from './grants.js';
import { readOAuthParams } from './params.js';
import { ctctState } from './state.js';
import type { CtctTokenResponse } from './tokens.js';

const GRANTS_BY_TYPE = {
  confidential: ['authorization_code', 'refresh_token'],
  public: ['authorization_code', 'refresh_token', DEVICE_GRANT],
} as const;

/** The token endpoint handler (mounted on two hosts). */
export function tokenHandler(ctx: EmulatorContext) {
  const state = ctctState(ctx);
  return async (c: Context): Promise<Response> => {
    const params = await readOAuthParams(c);
    const grantType = params.get('grant_type');
    if (grantType === undefined || grantType === '')
      throw oktaInvalidRequest("The 'grant_type' parameter is required.");
    const application = authenticateApplication(state.store, c.req.header('authorization'), params);
    noteClientId(c, application.apiKey);
    const allowed: readonly string[] = GRANTS_BY_TYPE[application.type];
    if (
      !['authorization_code', 'refresh_token', DEVICE_GRANT, 'client_credentials', 'password', 'implicit'].includes(
        grantType,
      )
    ) {
      throw new OktaError('unsupported_grant_type', 400, CTCT_MESSAGES.unsupportedGrant(grantType));
    }
    if (!allowed.includes(grantType)) {
      throw new OktaError(
        'unauthorized_client',
        400,
        `The client is not authorized to use the provided grant type. Configured grant types: [${allowed.join(', ')}].`,
      );
    }
    const usage = usageSink(c.req.raw, state.usage);
    let body: CtctTokenResponse;
    try {
      body =
        grantType === 'authorization_code'
          ? await authorizationCodeGrant(ctx, state, application, params, usage)
          : grantType === 'refresh_token'
            ? await refreshTokenGrant(ctx, state, application, params, usage)
            : await deviceCodeGrant(ctx, state, application, params, usage);
    } finally {
      // Batched, like every token record; refusals change records too (a replayed code revokes its
      // grant, device polling moves `lastPolledAt` and the interval).
      ctx.options.persistence.touch();
    }
    return c.json(body, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
  };
}
