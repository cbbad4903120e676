/**
 * @module
 * The v3 API on `api.cc.email` (enough to show scopes enforced): `GET|PUT /v3/account/summary`
 * (`account_read` / `account_update`), contacts create/list/get/delete (`contact_data`) and
 * `GET /v3/emails` (`campaign_data`). Errors are a JSON array of `{error_key, error_message}`;
 * a bad token → 401, a missing scope → 403, then the rate limits (429).
 *
 * The partner pass-through (`account_operations/sync`) calls this app in-process with the binding
 * `ctctInternal` (never set by a real request), acting as the account without a token.
 */
import { grantingScope, type ScopeRequirement, scopeRequirement } from '@grantform/config/scope-requirements';
import { type Context, Hono } from 'hono';
import type { EmulatorContext } from '../../env.js';
import { noteClientId } from '../../pipeline.js';
import { usageSink } from '../../usage/probe.js';
import { V3_UNAUTHORIZED, V3Error } from './errors.js';
import { takeRateLimit } from './rate-limit.js';
import type { CtctAccountRecord, CtctContactRecord } from './records.js';
import { CTCT_SCOPES } from './scopes.js';
import { type CtctState, ctctState } from './state.js';
import { verifyCtctToken } from './tokens.js';

/** Set only by the partner pass-through: act as this account. */
export interface CtctInternalCall {
  readonly encodedAccountId: string;
  readonly apiKey: string;
}

/** Who is calling the v3 API. */
export interface V3Principal {
  readonly account: CtctAccountRecord;
  readonly apiKey: string;
  readonly scopes: readonly string[];
}

export type CtctApiEnv = {
  Bindings: { ctctInternal?: CtctInternalCall };
  Variables: { principal: V3Principal };
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_JSON = 256 * 1024;

/** The bearer token of a request, or `undefined`. */
export function bearer(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

/** The requirement-table row of a v3 route (`@grantform/config/scope-requirements`); throws at load when absent. */
const v3Requirement = (call: string): ScopeRequirement => scopeRequirement('constant-contact', 'v3', call);

const ACCOUNT_READ = v3Requirement('GET /account/summary');
const ACCOUNT_UPDATE = v3Requirement('PUT /account/summary');
const EMAILS = v3Requirement('GET /emails');
const CONTACT_CREATE = v3Requirement('POST /contacts');
const CONTACT_LIST = v3Requirement('GET /contacts');
const CONTACT_READ = v3Requirement('GET /contacts/{id}');
const CONTACT_DELETE = v3Requirement('DELETE /contacts/{id}');

/**
 * The caller, when its token holds the scope the requirement table names for this route; records the
 * call (usage) for a token's caller. A missing scope → 403.
 */
function requireScope(
  c: Context<CtctApiEnv>,
  state: CtctState,
  now: number,
  requirement: ScopeRequirement,
): V3Principal {
  const principal = c.get('principal');
  const grantedBy = grantingScope(requirement, principal.scopes);
  const internal = (c.env as CtctApiEnv['Bindings'] | undefined)?.ctctInternal !== undefined;
  if (!internal) {
    usageSink(c.req.raw, state.usage).call(principal.apiKey, requirement, grantedBy, now);
  }
  if (grantedBy === null) {
    throw V3Error.of(
      403,
      'forbidden',
      `The access token does not include the scope required by this endpoint: ${requirement.anyOf.join(' or ')}.`,
    );
  }
  return principal;
}

/** Reads a JSON object body or throws the v3 400. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text().catch(() => '');
  if (text.length > MAX_JSON) throw V3Error.of(400, 'request.too.large', 'The request body is too large.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw V3Error.of(400, 'json.parse.error', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw V3Error.of(400, 'json.parse.error', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

function summary(a: CtctAccountRecord) {
  return {
    encoded_account_id: a.encodedAccountId,
    first_name: a.firstName,
    last_name: a.lastName,
    contact_email: a.contactEmail,
    contact_phone: a.contactPhone,
    country_code: a.countryCode,
    state_code: a.stateCode,
    organization_name: a.organizationName,
    time_zone_id: a.timeZoneId,
    website: a.website,
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function v3Routes(ctx: EmulatorContext): Hono<CtctApiEnv> {
  const app = new Hono<CtctApiEnv>();
  const state = ctctState(ctx);
  const iso = () => new Date(ctx.nowMs()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const need = (c: Context<CtctApiEnv>, requirement: ScopeRequirement): V3Principal => {
    const principal = requireScope(c, state, ctx.nowMs(), requirement);
    ctx.options.persistence.touch();
    return principal;
  };

  app.use('*', async (c, next) => {
    const internal = (c.env as CtctApiEnv['Bindings'] | undefined)?.ctctInternal;
    if (internal !== undefined) {
      const account = state.store.accounts.get(internal.encodedAccountId);
      if (!account) throw V3_UNAUTHORIZED();
      c.set('principal', { account, apiKey: internal.apiKey, scopes: CTCT_SCOPES });
      return next();
    }
    const token = bearer(c);
    const record = token === undefined ? undefined : await verifyCtctToken(ctx, state, token);
    if (typeof record !== 'object' || record.encodedAccountId === null || record.apiKey === null) {
      throw V3_UNAUTHORIZED();
    }
    const account = state.store.accounts.get(record.encodedAccountId);
    if (!account || !state.store.applications.has(record.apiKey)) throw V3_UNAUTHORIZED();
    noteClientId(c, record.apiKey);
    takeRateLimit(ctx, state, record.apiKey);
    c.set('principal', { account, apiKey: record.apiKey, scopes: record.scopes });
    return next();
  });
  // Account data written by a successful POST/PUT/PATCH/DELETE (also through the partner
  // pass-through) reaches `--state` in the next batch, like token records; reads never write.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 300) ctx.options.persistence.touch();
  });

  app.get('/account/summary', (c) => c.json(summary(need(c, ACCOUNT_READ).account)));

  app.put('/account/summary', async (c) => {
    const { account } = need(c, ACCOUNT_UPDATE);
    const body = await jsonBody(c);
    const fields = {
      organization_name: 'organizationName',
      first_name: 'firstName',
      last_name: 'lastName',
      contact_phone: 'contactPhone',
      website: 'website',
      contact_email: 'contactEmail',
    } as const;
    for (const [wire, field] of Object.entries(fields)) {
      if (body[wire] === undefined) continue;
      const v = str(body[wire]);
      if (v === undefined) throw V3Error.of(400, 'account.api.validation.error', `${wire} must be a string.`);
      account[field] = v;
    }
    return c.json(summary(account));
  });

  app.get('/emails', (c) => {
    need(c, EMAILS);
    return c.json({ campaigns: [], _links: {} });
  });

  app.post('/contacts', async (c) => {
    const { account } = need(c, CONTACT_CREATE);
    const body = await jsonBody(c);
    const problems: { error_key: string; error_message: string }[] = [];
    const emailObj = body.email_address;
    const address =
      typeof emailObj === 'object' && emailObj !== null
        ? str((emailObj as Record<string, unknown>).address)
        : undefined;
    if (address === undefined || !EMAIL.test(address)) {
      problems.push({
        error_key: 'contacts.api.validation.error',
        error_message: 'email_address.address must be a valid email address.',
      });
    }
    const createSource = body.create_source;
    if (createSource !== 'Account' && createSource !== 'Contact') {
      problems.push({
        error_key: 'contacts.api.validation.error',
        error_message: "create_source is required and must be 'Account' or 'Contact'.",
      });
    }
    for (const f of ['first_name', 'last_name', 'job_title', 'company_name'] as const) {
      if (body[f] !== undefined && str(body[f]) === undefined) {
        problems.push({ error_key: 'contacts.api.validation.error', error_message: `${f} must be a string.` });
      }
    }
    if (problems.length > 0 || address === undefined) throw new V3Error(400, problems);
    const existing = account.contacts.find((x) => x.email_address.address.toLowerCase() === address.toLowerCase());
    if (existing) {
      throw V3Error.of(
        409,
        'contacts.api.conflict',
        `Validation failed: Email already exists for contact ${existing.contact_id}`,
      );
    }
    const now = iso();
    const permission = str((emailObj as Record<string, unknown>).permission_to_send) ?? 'implicit';
    const contact: CtctContactRecord = {
      contact_id: ctx.options.randomId(),
      email_address: {
        address,
        permission_to_send: permission,
        created_at: now,
        updated_at: now,
        opt_in_source: createSource === 'Account' ? 'Account' : 'Contact',
      },
      create_source: createSource === 'Account' ? 'Account' : 'Contact',
      created_at: now,
      updated_at: now,
      list_memberships: [],
    };
    for (const f of ['first_name', 'last_name', 'job_title', 'company_name'] as const) {
      const v = str(body[f]);
      if (v !== undefined) contact[f] = v;
    }
    account.contacts.push(contact);
    return c.json(contact, 201);
  });

  app.get('/contacts', (c) => {
    const { account } = need(c, CONTACT_LIST);
    const limitRaw = c.req.query('limit') ?? '50';
    const limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw V3Error.of(400, 'contacts.api.bad.request', 'limit must be an integer from 1 to 500.');
    }
    const cursor = Number(c.req.query('cursor') ?? '0');
    const start = Number.isInteger(cursor) && cursor >= 0 ? cursor : 0;
    const email = c.req.query('email')?.toLowerCase();
    const all = account.contacts.filter((x) => email === undefined || x.email_address.address.toLowerCase() === email);
    const page = all.slice(start, start + limit);
    const links =
      start + limit < all.length ? { next: { href: `/v3/contacts?limit=${limit}&cursor=${start + limit}` } } : {};
    return c.json({ contacts: page, contacts_count: all.length, _links: links });
  });

  app.get('/contacts/:id', (c) => {
    const { account } = need(c, CONTACT_READ);
    const contact = account.contacts.find((x) => x.contact_id === c.req.param('id'));
    if (!contact) throw V3Error.of(404, 'contacts.api.not.found', 'Contact not found.');
    return c.json(contact);
  });

  app.delete('/contacts/:id', (c) => {
    const { account } = need(c, CONTACT_DELETE);
    const i = account.contacts.findIndex((x) => x.contact_id === c.req.param('id'));
    if (i < 0) throw V3Error.of(404, 'contacts.api.not.found', 'Contact not found.');
    account.contacts.splice(i, 1);
    return c.body(null, 204);
  });

  app.all('*', (c) => {
    const path = c.req.path.replace(/^\/~ctct\/api\/[hp]/, '');
    throw V3Error.of(404, 'not_found', `The emulator does not implement ${c.req.method} ${path} of the v3 API.`);
  });
  return app;
}
