/**
 * @module
 * The device flow: `POST …/oauth2/default/v1/device/authorize` (`client_id`, `scope`, in the query
 * or a form body) and the activation page the user opens (`GET/POST …/activate`). Headless
 * (emulator option `headlessAuthorize`): `GET …/activate?user_code=…&login_hint=<login>&grantform_auto_approve=1`.
 * Device codes live 600 s, polling interval 5 s (UNCONFIRMED: Okta's defaults).
 */
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import { noteClientId } from '../../pipeline.js';
import { checkLogin } from './authorize.js';
import { CTCT_MESSAGES, OktaError, oktaInvalidClient, oktaInvalidRequest } from './errors.js';
import { ctctBase, ctctVhost } from './hosts.js';
import { activatedPage, activatePage } from './pages.js';
import { readOAuthParams, splitScopes } from './params.js';
import type { CtctDeviceRecord } from './records.js';
import { ctctState } from './state.js';

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return s;
}

/** `ABCDEFGH` → `ABCD-EFGH`, the form shown to users. */
export const formatUserCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

export function deviceRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const state = ctctState(ctx);

  app.post('/oauth2/default/v1/device/authorize', async (c) => {
    const params = await readOAuthParams(c);
    const clientId = params.get('client_id');
    if (!clientId) throw oktaInvalidClient(CTCT_MESSAGES.unknownClient);
    const application = state.store.applications.get(clientId);
    if (!application) throw oktaInvalidClient(CTCT_MESSAGES.unknownClient);
    noteClientId(c, application.apiKey);
    if (application.type !== 'public') {
      throw new OktaError(
        'unauthorized_client',
        400,
        'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code, refresh_token].',
      );
    }
    const scopes = splitScopes(params.get('scope'));
    if (scopes.length === 0) throw new OktaError('invalid_scope', 400, CTCT_MESSAGES.noScope);
    if (scopes.some((s) => !application.scopes.includes(s))) {
      throw new OktaError('invalid_scope', 400, CTCT_MESSAGES.unknownScope);
    }
    const deviceCode = ctx.randomToken(32);
    const record: CtctDeviceRecord = {
      id: sha256(deviceCode),
      userCode: userCode(),
      apiKey: application.apiKey,
      scopes,
      expiresAt: ctx.nowMs() + state.options.deviceCodeLifetime * 1000,
      interval: state.options.deviceInterval,
      lastPolledAt: null,
      status: 'pending',
      encodedAccountId: null,
    };
    state.store.devices.set(record.id, record);
    ctx.options.persistence.touch();
    const verificationUri = `${ctctBase(ctctVhost(c, 'authz'), 'authz')}/activate`;
    return c.json(
      {
        device_code: deviceCode,
        user_code: formatUserCode(record.userCode),
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${formatUserCode(record.userCode)}`,
        expires_in: state.options.deviceCodeLifetime,
        interval: record.interval,
      },
      200,
      { 'cache-control': 'no-store' },
    );
  });

  const pending = (code: string): CtctDeviceRecord => {
    const record = state.store.deviceByUserCode(code);
    if (record?.status !== 'pending' || record.expiresAt <= ctx.nowMs()) {
      throw oktaInvalidRequest('The code is invalid or has expired.');
    }
    return record;
  };

  app.get('/activate', (c) => {
    const code = c.req.query('user_code');
    const hint = c.req.query('login_hint');
    if (ctx.options.headlessAuthorize && c.req.query('grantform_auto_approve') === '1' && code && hint) {
      const record = pending(code);
      const account = state.store.accountByLogin(hint);
      if (!account) throw oktaInvalidRequest('Unknown test user.');
      record.status = 'approved';
      record.encodedAccountId = account.encodedAccountId;
      account.lastLoginAt = ctx.nowMs();
      ctx.options.persistence.touch();
      return c.html(activatedPage(true));
    }
    const action = `${ctctBase(ctctVhost(c, 'authz'), 'authz')}/activate`;
    return c.html(activatePage({ action, ...(code ? { userCode: code } : {}), ...(hint ? { username: hint } : {}) }));
  });

  app.post('/activate', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const action = `${ctctBase(ctctVhost(c, 'authz'), 'authz')}/activate`;
    const code = str(form.user_code);
    const record = state.store.deviceByUserCode(code);
    if (record?.status !== 'pending' || record.expiresAt <= ctx.nowMs()) {
      return c.html(activatePage({ action, userCode: code, error: 'The code is invalid or has expired.' }), 400);
    }
    if (form.decision !== 'allow') {
      record.status = 'denied';
      ctx.options.persistence.touch();
      return c.html(activatedPage(false));
    }
    const account = checkLogin(state, str(form.username), str(form.password));
    if (!account) {
      return c.html(
        activatePage({ action, userCode: code, username: str(form.username), error: 'Invalid username or password.' }),
      );
    }
    record.status = 'approved';
    record.encodedAccountId = account.encodedAccountId;
    account.lastLoginAt = ctx.nowMs();
    ctx.options.persistence.touch();
    return c.html(activatedPage(true));
  });
  return app;
}
