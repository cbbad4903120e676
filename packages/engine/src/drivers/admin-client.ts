/**
 * @module
 * A minimal client of the emulator's admin API (`/_emulator/*`, see emulator/ADMIN-API.md), over an
 * injected `fetch`, and the helpers every vendor's emulator part uses to read its answers and to
 * label what it writes (`ownership.ts`). Light on purpose: the CLI's flag declarations import the
 * default endpoint from here.
 */
import type { DriverContext, TargetSecretState } from '../driver.js';
import { EngineError } from '../errors.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isJsonObject } from '../json.js';
import { SECRET_STATUS_ATTRIBUTE } from '../secret-status.js';
import type { FetchLike } from './http.js';
import { fetchOrUnreachable, jsonOrNull } from './http.js';

export interface EmulatorDriverOptions {
  /** The emulator's origin. @default 'http://127.0.0.1:4010' */
  readonly endpoint?: string;
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
  /** Sent as `Authorization: Bearer` when the emulator was started with an admin token. */
  readonly adminToken?: string;
}

export const DEFAULT_EMULATOR_ENDPOINT = 'http://127.0.0.1:4010';

interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A minimal admin API client: `call` (refusals become `ERR_TARGET_REJECTED`) and `get` (404 → `null`). */
export function createAdminClient(options: EmulatorDriverOptions = {}) {
  const origin = (options.endpoint ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? globalThis.fetch;
  const call = async (
    method: string,
    path: string,
    body?: JsonValue,
    okStatuses: readonly number[] = [],
  ): Promise<AdminResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Also on bodiless writes (secret rotation): the admin API may require JSON on every state change.
    if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
    if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetchOrUnreachable(fetchFn, `${origin}${path}`, init);
    const parsed = await jsonOrNull(res);
    if (res.ok || okStatuses.includes(res.status)) return { status: res.status, body: parsed };
    const err = isJsonObject(parsed) && isJsonObject(parsed.error) ? parsed.error : null;
    const code = typeof err?.code === 'string' ? err.code : `HTTP ${res.status}`;
    const message = typeof err?.message === 'string' ? err.message : res.statusText;
    const issues = Array.isArray(err?.issues)
      ? (err.issues as JsonValue[])
          .filter(isJsonObject)
          .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    throw new EngineError('ERR_TARGET_REJECTED', `emulator refused ${method} ${path}: ${code}: ${message}`, { issues });
  };
  /** `GET path`: the object, or `null` when the emulator answers 404. */
  const get = async (path: string): Promise<JsonObject | null> => {
    const res = await call('GET', path, undefined, [404]);
    return res.status === 404 ? null : adminObject(res.body, path);
  };
  return { origin, call, get, fetch: fetchFn };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/** `value` as an object, or `ERR_TARGET_REJECTED` naming `what` the emulator did not return. */
export function adminObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new EngineError('ERR_TARGET_REJECTED', `emulator returned no ${what}`);
  return value;
}

/** `value` as a string, or `ERR_TARGET_REJECTED` naming `what` the emulator did not return. */
export function adminString(value: JsonValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new EngineError('ERR_TARGET_REJECTED', `emulator returned no ${what}`);
  return value;
}

/** The `items` of a listing answer (objects only). */
export function adminItems(list: JsonObject | null): JsonObject[] {
  return (Array.isArray(list?.items) ? (list.items as JsonValue[]) : []).filter(isJsonObject);
}

/** `{owner}` to send with a create or update, when the caller labels. */
export function ownerField(ctx: DriverContext): { owner?: string } {
  return ctx.owner === undefined ? {} : { owner: ctx.owner };
}

/** The ownership label an admin record carries, `null` for none. */
export function ownerOf(record: JsonObject): string | null {
  return typeof record.owner === 'string' ? record.owner : null;
}

function isoOrNull(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

/**
 * A secret's state from the admin API's `SecretStatus` view (`{active:{createdAt, expiresAt},
 * staged:{createdAt, acceptedFrom, activatableFrom}|null, nextStageAt}`), or `null` when there is none.
 */
export function adminSecretState(view: JsonValue | undefined): TargetSecretState | null {
  if (!isJsonObject(view)) return null;
  const active = isJsonObject(view.active) ? view.active : {};
  const staged = isJsonObject(view.staged) ? view.staged : null;
  const stagedAt = isoOrNull(staged?.createdAt);
  return {
    generatedAt: isoOrNull(active.createdAt),
    expiresAt: isoOrNull(active.expiresAt),
    staged:
      staged === null || stagedAt === null
        ? null
        : {
            generatedAt: stagedAt,
            acceptedFrom: isoOrNull(staged.acceptedFrom) ?? stagedAt,
            activatableFrom: isoOrNull(staged.activatableFrom) ?? isoOrNull(staged.acceptedFrom) ?? stagedAt,
          },
    nextStageAt: isoOrNull(view.nextStageAt),
  };
}

/** `{secretStatus: {[name]: dates}}` from a `SecretStatus` view (the computed attribute), or `{secretStatus: null}`. */
export function secretStatusAttribute(name: string, view: JsonValue | undefined): JsonObject {
  const s = adminSecretState(view);
  return {
    [SECRET_STATUS_ATTRIBUTE]:
      s === null
        ? null
        : {
            [name]: {
              generatedAt: s.generatedAt,
              expiresAt: s.expiresAt,
              staged:
                s.staged === null ? null : { generatedAt: s.staged.generatedAt, acceptedFrom: s.staged.acceptedFrom },
            },
          },
  };
}

/** The parent's target id, which a child's call needs (`ERR_APPLY_FAILED` when it is not applied). */
export function parentIdOf(ctx: DriverContext): string {
  if (ctx.parentId === null) throw new EngineError('ERR_APPLY_FAILED', `${ctx.address}: parent is not applied`);
  return ctx.parentId;
}
