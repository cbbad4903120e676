/**
 * @module
 * Partner tokens (reference §3.5): client credentials with the `partner_client_id` and
 * `partner_secret`, a 1-hour JWT that cannot be refreshed.
 * - Cognito host: `POST /oauth2/token?grant_type=client_credentials&scope=v3api/general.partner`,
 *   Basic auth, form content type, empty body; a missing header → **415**. Other errors use
 *   Cognito's `{"error": …}` body (UNCONFIRMED: the docs cut the text off).
 * - Newer host: `POST https://authz.constantcontact.com/partners/oauth2/default/v1/token`, Basic
 *   auth, `grant_type=client_credentials` (body or query); Okta-style errors.
 */
import type { Context } from 'hono';
import { SignJWT } from 'jose';
import type { EmulatorContext } from '../../env.js';
import { noteClientId } from '../../pipeline.js';
import { basicCredentials } from './client-auth.js';
import { CTCT_MESSAGES, OktaError, oktaInvalidClient, UnsupportedMediaType } from './errors.js';
import { CTCT_COGNITO_ISSUER, CTCT_PARTNER_ISSUER } from './hosts.js';
import { readOAuthParams, splitScopes } from './params.js';
import type { CtctPartnerRecord } from './records.js';
import { CTCT_PARTNER_SCOPE } from './scopes.js';
import { ctctSecretAccepted } from './secret-rotation.js';
import { type CtctState, ctctState } from './state.js';

/** Cognito's error body: `{"error": "<code>"}`. */
class CognitoError extends Error {
  constructor(
    readonly code: 'invalid_client' | 'invalid_request' | 'invalid_scope' | 'unsupported_grant_type',
    readonly status: 400 | 401 = 400,
  ) {
    super(code);
    this.name = new.target.name;
  }
  getResponse(): Response {
    return new Response(JSON.stringify({ error: this.code }), {
      status: this.status,
      headers: { 'content-type': 'application/json' },
    });
  }
}

export interface PartnerTokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope?: string;
}

async function issuePartnerToken(
  ctx: EmulatorContext,
  state: CtctState,
  partner: CtctPartnerRecord,
  issuer: string,
): Promise<PartnerTokenResponse> {
  const key = state.key();
  const now = ctx.nowMs();
  const iat = Math.floor(now / 1000);
  const lifetime = state.options.partnerTokenLifetime;
  const jti = ctx.randomToken(18);
  const token = await new SignJWT({
    client_id: partner.partnerClientId,
    token_use: 'access',
    scope: CTCT_PARTNER_SCOPE,
    auth_time: iat,
    version: 2,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setJti(jti)
    .setIssuer(issuer)
    .setSubject(partner.partnerClientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .sign(key.privateKey);
  state.store.addAccessToken(
    {
      jti,
      apiKey: partner.apiKey,
      encodedAccountId: null,
      partnerClientId: partner.partnerClientId,
      grantId: null,
      scopes: [CTCT_PARTNER_SCOPE],
      expiresAt: now + lifetime * 1000,
      revokedAt: null,
    },
    now,
  );
  ctx.options.persistence.touch();
  return { access_token: token, expires_in: lifetime, token_type: 'Bearer' };
}

function findPartner(state: CtctState, id: string, secret: string): CtctPartnerRecord | undefined {
  const partner = state.store.partners.get(id);
  return partner && ctctSecretAccepted(partner, secret) ? partner : undefined;
}

/** `POST /oauth2/token` on the Cognito host. */
export function cognitoTokenHandler(ctx: EmulatorContext) {
  const state = ctctState(ctx);
  return async (c: Context): Promise<Response> => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const authorization = c.req.header('authorization');
    if (!type.includes('application/x-www-form-urlencoded') || !authorization) {
      throw new UnsupportedMediaType(
        "The partner token request needs both 'Authorization: Basic …' and 'Content-Type: application/x-www-form-urlencoded'.",
      );
    }
    const params = await readOAuthParams(c).catch(() => {
      throw new CognitoError('invalid_request');
    });
    let basic: ReturnType<typeof basicCredentials>;
    try {
      basic = basicCredentials(authorization);
    } catch {
      throw new CognitoError('invalid_client');
    }
    const partner = basic && findPartner(state, basic.id, basic.secret);
    if (!partner) throw new CognitoError('invalid_client');
    noteClientId(c, partner.partnerClientId);
    if (params.get('grant_type') !== 'client_credentials') throw new CognitoError('unsupported_grant_type');
    const scopes = splitScopes(params.get('scope'));
    if (scopes.some((s) => s !== CTCT_PARTNER_SCOPE)) throw new CognitoError('invalid_scope');
    return c.json(await issuePartnerToken(ctx, state, partner, CTCT_COGNITO_ISSUER), 200, {
      'cache-control': 'no-store',
    });
  };
}

/** `POST /partners/oauth2/default/v1/token` on the authz host. */
export function partnerTokenHandler(ctx: EmulatorContext) {
  const state = ctctState(ctx);
  return async (c: Context): Promise<Response> => {
    const params = await readOAuthParams(c);
    const basic = basicCredentials(c.req.header('authorization'));
    if (!basic) throw oktaInvalidClient(CTCT_MESSAGES.unknownClient);
    const partner = findPartner(state, basic.id, basic.secret);
    if (!partner) throw oktaInvalidClient();
    noteClientId(c, partner.partnerClientId);
    const grantType = params.get('grant_type');
    if (grantType !== 'client_credentials') {
      throw new OktaError('unsupported_grant_type', 400, CTCT_MESSAGES.unsupportedGrant(grantType ?? ''));
    }
    const scopes = splitScopes(params.get('scope'));
    if (scopes.some((s) => s !== CTCT_PARTNER_SCOPE)) {
      throw new OktaError('invalid_scope', 400, CTCT_MESSAGES.unknownScope);
    }
    const body = await issuePartnerToken(ctx, state, partner, CTCT_PARTNER_ISSUER);
    return c.json({ ...body, scope: CTCT_PARTNER_SCOPE }, 200, { 'cache-control': 'no-store' });
  };
}
