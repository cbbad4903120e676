/**
 * @module
 * The technology-partner API on `api.cc.email/v3/partner/...` (reference §3.5). Every call needs
 * **both** `Authorization: Bearer <partner token>` and `x-api-key: <the partner's API key>`.
 * - `GET /partner/accounts?limit=10..50&offset=&account_type=all|managed|unmanaged`
 * - `POST /partner/accounts` → 201 `{encoded_account_id, provision_uuid}`; 400 listing every
 *   problem; 409 when the login name is taken.
 * - `POST /partner/accounts/{id}/account_operations/sync`: for **managed** accounts of this partner
 *   only; `account_operation_payload` is a JSON **string**; the emulator performs the inner v3 call
 *   as that account and returns its response as is.
 */
import { type Context, Hono } from 'hono';
import type { EmulatorContext } from '../../env.js';
import { noteClientId } from '../../pipeline.js';
import { createAccount } from './accounts.js';
import { V3_UNAUTHORIZED, V3Error } from './errors.js';
import { takeRateLimit } from './rate-limit.js';
import type { CtctAccountRecord, CtctPartnerRecord } from './records.js';
import { ctctState } from './state.js';
import { verifyCtctToken } from './tokens.js';
import { bearer, type CtctApiEnv, jsonBody } from './v3.js';

type PartnerEnv = {
  Bindings: CtctApiEnv['Bindings'];
  Variables: CtctApiEnv['Variables'] & { partner: CtctPartnerRecord };
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers a pass-through may not set on the inner call. */
const RESERVED_HEADERS = new Set(['authorization', 'x-api-key', 'host', 'content-length', 'cookie']);

type Problem = { error_key: string; error_message: string };
const invalid = (message: string): Problem => ({ error_key: 'partner.api.validation.error', error_message: message });

function siteOwner(a: CtctAccountRecord) {
  return {
    encoded_account_id: a.encodedAccountId,
    subscriber_count: a.contacts.length,
    organization_name: a.organizationName,
    site_owner_name: `${a.firstName} ${a.lastName}`.trim(),
    billing_status: a.billingStatus,
    last_login_date: a.lastLoginAt === null ? null : new Date(a.lastLoginAt).toISOString(),
  };
}

function checkString(
  body: Record<string, unknown>,
  key: string,
  problems: Problem[],
  rule?: (v: string) => string | undefined,
): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    problems.push(invalid(`${key} must be a string.`));
    return undefined;
  }
  const message = rule?.(v);
  if (message !== undefined) problems.push(invalid(`${key} ${message}`));
  return v;
}

/** A list of `{<k>, <v>}` objects (query, path parameters, headers) of the sync body, as pairs. */
function pairs(
  body: Record<string, unknown>,
  field: string,
  k: string,
  v: string,
  problems: Problem[],
): [string, string][] {
  const list = body[field];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(invalid(`${field} must be an array.`));
    return [];
  }
  const out: [string, string][] = [];
  list.forEach((item, i) => {
    const key = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[k] : undefined;
    const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[v] : undefined;
    if (
      typeof key !== 'string' ||
      key === '' ||
      (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    ) {
      problems.push(invalid(`${field}[${i}] must be {"${k}": string, "${v}": string}.`));
      return;
    }
    out.push([key, String(value)]);
  });
  return out;
}

export function partnerRoutes(ctx: EmulatorContext, v3: Hono<CtctApiEnv>): Hono<PartnerEnv> {
  const app = new Hono<PartnerEnv>();
  const state = ctctState(ctx);

  app.use('*', async (c, next) => {
    const token = bearer(c);
    const apiKey = c.req.header('x-api-key');
    const record = token === undefined ? undefined : await verifyCtctToken(ctx, state, token);
    if (typeof record !== 'object' || record.partnerClientId === null || apiKey === undefined) throw V3_UNAUTHORIZED();
    const partner = state.store.partners.get(record.partnerClientId);
    if (!partner || partner.apiKey !== apiKey) throw V3_UNAUTHORIZED();
    noteClientId(c, partner.partnerClientId);
    takeRateLimit(ctx, state, apiKey);
    c.set('partner', partner);
    return next();
  });

  const ownAccount = (c: Context<PartnerEnv>): CtctAccountRecord => {
    const account = state.store.accounts.get(c.req.param('id') ?? '');
    if (!account || account.partnerClientId !== c.get('partner').partnerClientId) {
      throw V3Error.of(
        404,
        'partner.account.not.found',
        'The account does not exist or is not one of your client accounts.',
      );
    }
    return account;
  };

  app.get('/accounts', (c) => {
    const partner = c.get('partner');
    const problems: Problem[] = [];
    const limit = Number(c.req.query('limit') ?? '50');
    const offset = Number(c.req.query('offset') ?? '0');
    const type = c.req.query('account_type') ?? 'all';
    if (!Number.isInteger(limit) || limit < 10 || limit > 50)
      problems.push(invalid('limit must be an integer from 10 to 50.'));
    if (!Number.isInteger(offset) || offset < 0) problems.push(invalid('offset must be a non-negative integer.'));
    if (type !== 'all' && type !== 'managed' && type !== 'unmanaged') {
      problems.push(invalid("account_type must be 'all', 'managed' or 'unmanaged'."));
    }
    if (problems.length > 0) throw new V3Error(400, problems);
    const all = [...state.store.accounts.values()].filter(
      (a) => a.partnerClientId === partner.partnerClientId && (type === 'all' || (type === 'managed') === a.managed),
    );
    const page = all.slice(offset, offset + limit).map(siteOwner);
    const links =
      offset + limit < all.length
        ? { next: { href: `/v3/partner/accounts?limit=${limit}&offset=${offset + limit}&account_type=${type}` } }
        : {};
    return c.json({ site_owner_list: page, _links: links });
  });

  app.post('/accounts', async (c) => {
    const partner = c.get('partner');
    const body = await jsonBody(c);
    const problems: Problem[] = [];
    const required = (key: string) => {
      if (body[key] === undefined || body[key] === null) problems.push(invalid(`${key} is required.`));
    };
    for (const key of ['contact_email', 'country_code', 'login_name', 'state_code']) required(key);
    const contactEmail = checkString(body, 'contact_email', problems, (v) =>
      EMAIL.test(v) ? undefined : 'must be a valid email address.',
    );
    const countryCode = checkString(body, 'country_code', problems, (v) =>
      /^[A-Z]{2}$/.test(v) ? undefined : 'must be an ISO 3166-1 alpha-2 code.',
    );
    const loginName = checkString(body, 'login_name', problems, (v) =>
      v.length >= 6 && v.length <= 50 ? undefined : 'must be 6 to 50 characters.',
    );
    const stateCode = checkString(body, 'state_code', problems);
    const password = checkString(body, 'password', problems, (v) =>
      v.length >= 8 && v.length <= 80 ? undefined : 'must be 8 to 80 characters.',
    );
    const externalId = checkString(body, 'external_id', problems);
    const externalProvider = checkString(body, 'external_provider', problems);
    if ((externalId === undefined) !== (externalProvider === undefined)) {
      problems.push(invalid('external_id and external_provider go together.'));
    }
    if (password === undefined && externalId === undefined) {
      problems.push(invalid('password is required unless external_id and external_provider are given.'));
    }
    const optional = Object.fromEntries(
      [
        'organization_name',
        'first_name',
        'last_name',
        'contact_phone',
        'website',
        'time_zone_id',
        'partner_account_id',
        'billing_locale',
      ].map((k) => [k, checkString(body, k, problems)]),
    );
    for (const flag of ['managed_site_owner', 'enable_single_billing', 'gdpr_opt_out']) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
        problems.push(invalid(`${flag} must be a boolean.`));
    }
    if (problems.length > 0 || loginName === undefined || contactEmail === undefined || countryCode === undefined) {
      throw new V3Error(400, problems);
    }
    if (state.store.accountByLogin(loginName)) {
      throw V3Error.of(409, 'partner.account.conflict', `The login name ${loginName} is already in use.`);
    }
    const account = createAccount(ctx, state, {
      partnerClientId: partner.partnerClientId,
      managed: body.managed_site_owner === true,
      loginName,
      password: password ?? null,
      contactEmail,
      countryCode,
      stateCode: stateCode ?? '',
      organizationName: optional.organization_name,
      firstName: optional.first_name,
      lastName: optional.last_name,
      contactPhone: optional.contact_phone,
      website: optional.website,
      timeZoneId: optional.time_zone_id,
      externalId: externalId ?? null,
    });
    ctx.options.persistence.touch();
    return c.json({ encoded_account_id: account.encodedAccountId, provision_uuid: account.provisionUuid }, 201);
  });

  app.post('/accounts/:id/account_operations/sync', async (c) => {
    const account = ownAccount(c);
    if (!account.managed) {
      throw V3Error.of(
        403,
        'partner.account.not.managed',
        'Account operations are only allowed on managed client accounts.',
      );
    }
    const body = await jsonBody(c);
    const problems: Problem[] = [];
    const url = body.account_operation_url;
    if (typeof url !== 'string' || !url.startsWith('/')) {
      problems.push(invalid('account_operation_url is required: the v3 path without the base URL, e.g. /contacts.'));
    } else if (/^\/partner(\/|$)/.test(url)) {
      problems.push(invalid('account_operation_url cannot be a partner endpoint.'));
    }
    const method = typeof body.account_operation_method === 'string' ? body.account_operation_method.toUpperCase() : '';
    if (!METHODS.has(method))
      problems.push(invalid('account_operation_method must be GET, POST, PUT, PATCH or DELETE.'));
    const payload = body.account_operation_payload;
    if (payload !== undefined && payload !== null && typeof payload !== 'string') {
      problems.push(invalid('account_operation_payload must be a string (the JSON body, escaped), not an object.'));
    }
    const query = pairs(body, 'account_operation_query_parameters', 'query_param_key', 'query_param_value', problems);
    const pathParams = pairs(body, 'account_operation_path_parameters', 'path_param_key', 'path_param_value', problems);
    const headers = pairs(body, 'account_operation_headers', 'header_key', 'header_value', problems);
    if (problems.length > 0 || typeof url !== 'string') throw new V3Error(400, problems);
    let path = url;
    for (const [k, v] of pathParams) path = path.split(`{${k}}`).join(encodeURIComponent(v));
    if (/\{[^}]*\}/.test(path)) {
      throw new V3Error(400, [invalid(`account_operation_url has a path parameter without a value: ${path}`)]);
    }
    const search = new URLSearchParams(query).toString();
    const inner = new Headers({ accept: 'application/json' });
    for (const [k, v] of headers) if (!RESERVED_HEADERS.has(k.toLowerCase())) inner.set(k, v);
    const hasBody = typeof payload === 'string' && payload !== '' && method !== 'GET' && method !== 'DELETE';
    if (hasBody && !inner.has('content-type')) inner.set('content-type', 'application/json');
    const res = await v3.request(
      `http://v3.internal${path}${search === '' ? '' : `?${search}`}`,
      { method, headers: inner, ...(hasBody ? { body: payload as string } : {}) },
      { ctctInternal: { encodedAccountId: account.encodedAccountId, apiKey: c.get('partner').apiKey } },
    );
    return new Response(res.body, { status: res.status, headers: res.headers });
  });

  app.all('*', (c) => {
    const path = c.req.path.replace(/^\/~ctct\/api\/[hp]/, '');
    throw V3Error.of(404, 'not_found', `The emulator does not implement ${c.req.method} ${path} of the partner API.`);
  });
  return app;
}
