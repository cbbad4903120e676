/**
 * @module
 * Constant Contact on the `emulator` target: applications, partners and client accounts through the
 * admin API's `/_emulator/ctct/*` (emulator/ADMIN-API.md, "Constant Contact"). Only what is declared
 * is created: `verify` makes (and removes) its own throwaway account for the authorization-code flow.
 */
import type { CtctApplicationSpec, CtctClientAccountSpec, CtctPartnerSpec } from '@grantform/config';
import type { DesiredResource, DesiredState } from '../../desired-state.js';
import type {
  DriverContext,
  DriverResult,
  IssuedSecret,
  KindDriver,
  ObservedResource,
  ProbeOutcome,
  StagedRotation,
  TargetSecretState,
} from '../../driver.js';
import type { AdminClient } from '../../drivers/admin-client.js';
import {
  adminItems,
  adminObject,
  adminSecretState,
  adminString,
  ownerField,
  ownerOf,
  parentIdOf,
  secretStatusAttribute,
} from '../../drivers/admin-client.js';
import { probeFetch } from '../../drivers/http.js';
import { EngineError } from '../../errors.js';
import type { JsonObject } from '../../json.js';
import { isJsonObject } from '../../json.js';
import { ownerLabel } from '../../ownership.js';
import type { DriverPart } from '../../registry/vendor.js';
import type { StateFile } from '../../state/records.js';
import { ctctEmulatorHosts } from './hosts.js';
import type { JsonAnswer } from './http.js';
import { basic, errorText, requestJson } from './http.js';
import { type CtctKind, isCtctKind } from './kinds.js';
import { accountSettings, applicationSettings } from './settings.js';

const enc = encodeURIComponent;
const obj = adminObject;
const str = adminString;
const parentOf = parentIdOf;

export function applicationAttributes(a: JsonObject): JsonObject {
  return {
    name: a.name ?? null,
    type: a.type ?? null,
    redirectUris: a.redirectUris ?? [],
    scopes: a.scopes ?? [],
    pkce: a.pkce ?? null,
    refreshTokens: a.refreshTokens ?? null,
    clientId: a.apiKey ?? null,
    endpoints: a.endpoints ?? null,
    ...secretStatusAttribute('clientSecret', a.secretStatus),
  };
}

function partnerAttributes(p: JsonObject): JsonObject {
  return {
    name: p.name ?? null,
    clientId: p.partnerClientId ?? null,
    endpoints: p.endpoints ?? null,
    ...secretStatusAttribute('partnerSecret', p.secretStatus),
  };
}

export function accountAttributes(a: JsonObject): JsonObject {
  return {
    managed: a.managed ?? null,
    loginName: a.loginName ?? null,
    contactEmail: a.contactEmail ?? null,
    organizationName: a.organizationName ?? null,
    countryCode: a.countryCode ?? null,
    stateCode: a.stateCode ?? null,
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
  };
}

const PATH: Readonly<Record<CtctKind, string>> = {
  'ctct-application': '/_emulator/ctct/applications',
  'ctct-partner': '/_emulator/ctct/partners',
  'ctct-client-account': '/_emulator/ctct/accounts',
};

const ATTRIBUTES: Readonly<Record<CtctKind, (x: JsonObject) => JsonObject>> = {
  'ctct-application': applicationAttributes,
  'ctct-partner': partnerAttributes,
  'ctct-client-account': accountAttributes,
};

type CtctEmulatorKinds = {
  readonly 'ctct-application': KindDriver<CtctApplicationSpec>;
  readonly 'ctct-partner': KindDriver<CtctPartnerSpec>;
  readonly 'ctct-client-account': KindDriver<CtctClientAccountSpec>;
};

/** A secret's state from a `SecretStatus` answer; `ERR_TARGET_REJECTED` when there is none. */
function secretState(body: unknown): TargetSecretState {
  const state = adminSecretState(isJsonObject(body) ? (body as JsonObject) : undefined);
  if (state === null) throw new EngineError('ERR_TARGET_REJECTED', 'emulator returned no secret status');
  return state;
}

/** What a token endpoint's answer says of the client's secret: authenticated unless `invalid_client`. */
function probeOutcome(r: JsonAnswer, authenticated: string): ProbeOutcome {
  if (r.status === 200) return { accepted: true, detail: 'token issued' };
  const said = errorText(r, { withStatus: true });
  const refused = isJsonObject(r.body) && r.body.error === 'invalid_client';
  return refused ? { accepted: false, detail: said } : { accepted: true, detail: `${authenticated} (${said})` };
}

/**
 * The staged rotation of an application's or a partner's secret (`/_emulator/ctct/…/secret/{stage,
 * activate}`; emulator choices: the vendor documents none). A secret is proven with a real token
 * request: an application's with a refresh grant for no real token (Basic auth is checked first, so
 * `invalid_grant` means the secret authenticated), a partner's with its client-credentials token.
 */
function ctctRotation(api: AdminClient, kind: 'ctct-application' | 'ctct-partner'): StagedRotation {
  const { call } = api;
  const field = kind === 'ctct-application' ? 'secret' : 'partnerSecret';
  const base = (id: string) => `${PATH[kind]}/${enc(id)}/secret`;
  const hosts = ctctEmulatorHosts(api.origin);
  // A probe (`x-grantform-probe: rotate`): the proofs are not the application's usage.
  const proof = probeFetch(api.fetch, 'rotate');
  return {
    status: async (id) => secretState((await call('GET', base(id))).body),
    stage: async (id) => {
      const res = await call('POST', `${base(id)}/stage`);
      return { value: str(obj(res.body, 'staged secret')[field], 'staged secret'), state: secretState(res.body) };
    },
    activate: async (id) => secretState((await call('POST', `${base(id)}/activate`)).body),
    probe: async (id, _name, value) => {
      const headers = {
        authorization: basic(id, value),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (kind === 'ctct-partner') {
        const url = `${hosts.cognito}/oauth2/token?grant_type=client_credentials&scope=${enc('v3api/general.partner')}`;
        return probeOutcome(await requestJson(proof, url, { method: 'POST', headers }), 'authenticated');
      }
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'grantform-rotation-probe' });
      const r = await requestJson(proof, `${hosts.authz}/oauth2/default/v1/token`, {
        method: 'POST',
        headers,
        body: body.toString(),
      });
      return probeOutcome(r, 'the client authenticated');
    },
  };
}

/** The three kind drivers over the admin client. */
function ctctEmulatorKinds(api: AdminClient): CtctEmulatorKinds {
  const { call, get } = api;
  const read =
    (kind: CtctKind) =>
    async (id: string): Promise<ObservedResource | null> => {
      const x = await get(`${PATH[kind]}/${enc(id)}`);
      return x === null ? null : { id, attributes: ATTRIBUTES[kind](x) };
    };
  const remove =
    (kind: CtctKind) =>
    async (id: string): Promise<void> => {
      await call('DELETE', `${PATH[kind]}/${enc(id)}`, undefined, [404]);
    };
  const claim =
    (kind: CtctKind) =>
    async (id: string, ctx: DriverContext): Promise<void> => {
      await call('PATCH', `${PATH[kind]}/${enc(id)}`, ownerField(ctx));
    };
  /** The rotation route: the target hands out a new value (the old one stops working). */
  const rotateApplicationSecret = async (id: string): Promise<IssuedSecret> => {
    const rotated = await call('POST', `${PATH['ctct-application']}/${enc(id)}/secret`);
    return { name: 'clientSecret', value: str(obj(rotated.body, 'secret').secret, 'secret') };
  };
  const rotatePartnerSecret = async (id: string): Promise<IssuedSecret> => {
    const rotated = await call('POST', `${PATH['ctct-partner']}/${enc(id)}/secret`);
    return { name: 'partnerSecret', value: str(obj(rotated.body, 'secret').partnerSecret, 'partner secret') };
  };
  return {
    'ctct-application': {
      read: read('ctct-application'),
      create: async (spec, ctx) => {
        const res = await call('POST', PATH['ctct-application'], {
          name: spec.name,
          ...(spec.apiKey === null ? {} : { apiKey: spec.apiKey }),
          type: spec.type,
          ...applicationSettings(spec),
          ...ownerField(ctx),
        });
        const a = obj(res.body, 'application');
        const secret = a.secret;
        return {
          id: str(a.apiKey, 'API key'),
          attributes: applicationAttributes(a),
          secrets: typeof secret === 'string' ? [{ name: 'clientSecret', value: secret }] : [],
        };
      },
      update: async (id, spec, changes, ctx) => {
        const res = await call('PATCH', `${PATH['ctct-application']}/${enc(id)}`, {
          ...applicationSettings(spec),
          ...ownerField(ctx),
        });
        const rotate = changes.some((c) => c.name === 'clientSecret') && spec.clientSecret !== null;
        const secrets = rotate ? [await rotateApplicationSecret(id)] : [];
        return { id, attributes: applicationAttributes(obj(res.body, 'application')), secrets };
      },
      delete: remove('ctct-application'),
      reissue: rotateApplicationSecret,
      claim: claim('ctct-application'),
      rotation: ctctRotation(api, 'ctct-application'),
    },
    'ctct-partner': {
      read: read('ctct-partner'),
      create: async (spec, ctx) => {
        const res = await call('POST', PATH['ctct-partner'], {
          name: spec.name,
          applicationApiKey: parentOf(ctx),
          ...(spec.partnerClientId === null ? {} : { partnerClientId: spec.partnerClientId }),
          ...ownerField(ctx),
        });
        const p = obj(res.body, 'partner');
        return {
          id: str(p.partnerClientId, 'partner client id'),
          attributes: partnerAttributes(p),
          secrets: [{ name: 'partnerSecret', value: str(p.partnerSecret, 'partner secret') }],
        };
      },
      update: async (id, spec, changes, ctx): Promise<DriverResult> => {
        const res = await call('PATCH', `${PATH['ctct-partner']}/${enc(id)}`, { name: spec.name, ...ownerField(ctx) });
        const secrets = changes.some((c) => c.name === 'partnerSecret') ? [await rotatePartnerSecret(id)] : [];
        return { id, attributes: partnerAttributes(obj(res.body, 'partner')), secrets };
      },
      delete: remove('ctct-partner'),
      reissue: rotatePartnerSecret,
      claim: claim('ctct-partner'),
      rotation: ctctRotation(api, 'ctct-partner'),
    },
    'ctct-client-account': {
      read: read('ctct-client-account'),
      create: async (spec, ctx) => {
        const res = await call('POST', PATH['ctct-client-account'], {
          partnerClientId: parentOf(ctx),
          loginName: spec.loginName,
          ...accountSettings(spec),
          ...ownerField(ctx),
        });
        const a = obj(res.body, 'account');
        return { id: str(a.encodedAccountId, 'account id'), attributes: accountAttributes(a), secrets: [] };
      },
      update: async (id, spec, _changes, ctx) => {
        const res = await call('PATCH', `${PATH['ctct-client-account']}/${enc(id)}`, {
          ...accountSettings(spec),
          ...ownerField(ctx),
        });
        return { id, attributes: accountAttributes(obj(res.body, 'account')), secrets: [] };
      },
      delete: remove('ctct-client-account'),
      claim: claim('ctct-client-account'),
    },
  };
}

/** The declared identity a new resource of `kind` would take on the target, when the config fixes one. */
function declaredIdentity(d: DesiredResource): { readonly field: string; readonly value: string } | null {
  const a = d.attributes;
  if (d.kind === 'ctct-application' && typeof a.apiKey === 'string') return { field: 'apiKey', value: a.apiKey };
  if (d.kind === 'ctct-partner' && typeof a.partnerClientId === 'string')
    return { field: 'partnerClientId', value: a.partnerClientId };
  if (d.kind === 'ctct-client-account' && typeof a.loginName === 'string')
    return { field: 'loginName', value: a.loginName };
  return null;
}

const ID_FIELD: Readonly<Record<CtctKind, string>> = {
  'ctct-application': 'apiKey',
  'ctct-partner': 'partnerClientId',
  'ctct-client-account': 'encodedAccountId',
};

/**
 * Reads every Constant Contact resource the state names (one call each), and, for declared ones the
 * state lacks (`unrecorded`), what the target holds under this state's label or the declared
 * identity (one listing per kind), with its owner.
 */
async function observeCtct(
  state: StateFile,
  get: AdminClient['get'],
  unrecorded: readonly DesiredResource[],
): Promise<Record<string, ObservedResource | null>> {
  const out: Record<string, ObservedResource | null> = {};
  const owner = ownerOf;
  await Promise.all(
    Object.entries(state.resources).map(async ([address, r]) => {
      if (!isCtctKind(r.kind)) return;
      const x = await get(`${PATH[r.kind]}/${enc(r.id)}`);
      out[address] = x === null ? null : { id: r.id, attributes: ATTRIBUTES[r.kind](x), owner: owner(x) };
    }),
  );
  const wanted = unrecorded.filter((d) => isCtctKind(d.kind));
  const kinds = [...new Set(wanted.map((d) => d.kind as CtctKind))];
  const listed = new Map<CtctKind, JsonObject[]>();
  await Promise.all(
    kinds.map(async (kind) => {
      const list = await get(PATH[kind]);
      listed.set(kind, adminItems(list));
    }),
  );
  for (const d of wanted) {
    const kind = d.kind as CtctKind;
    const items = listed.get(kind) ?? [];
    const label = ownerLabel(state.lineage, d.address);
    const identity = declaredIdentity(d);
    const x =
      items.find((i) => i.owner === label) ??
      (identity === null ? undefined : items.find((i) => i[identity.field] === identity.value));
    const id = x?.[ID_FIELD[kind]];
    if (x !== undefined && typeof id === 'string')
      out[d.address] = { id, attributes: ATTRIBUTES[kind](x), owner: owner(x) };
  }
  return out;
}

/**
 * The Constant Contact kinds over the admin client.
 * @example
 * const part = constantContactOnEmulator(createAdminClient({ endpoint, fetch }));
 */
export function constantContactOnEmulator(api: AdminClient): DriverPart {
  return {
    kinds: ctctEmulatorKinds(api),
    observe: (state: StateFile, desired: DesiredState) =>
      observeCtct(
        state,
        api.get,
        Object.values(desired.resources).filter((d) => state.resources[d.address] === undefined),
      ),
  };
}
