/**
 * @module
 * Token checks for the instance hosts (REST and SOAP). Unlike `verifyBearer`, this tells an expired
 * token apart from a bad one, because SOAP must answer exactly `Token Expired` for the first and
 * `Login Failed` for the second. The signature is checked against the published keys (by `kid`);
 * expiry and revocation come from the token record on the emulator clock. A token works only on
 * its own tenant's hosts.
 */
import { compactVerify } from 'jose';
import type { UsageSink } from '../../../usage/probe.js';
import type { McContext } from '../context.js';
import type { BearerContext } from '../tokens.js';

export type InstanceAuth =
  | { readonly ok: true; readonly bearer: BearerContext }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' };

const decoder = new TextDecoder();

/** Checks a raw token value for tenant `tssd`; the calls it then makes are recorded in `usage`. */
export async function checkInstanceToken(
  ctx: McContext,
  token: string | undefined,
  tssd: string,
  usage: UsageSink,
): Promise<InstanceAuth> {
  if (token === undefined || token === '') return { ok: false, reason: 'missing' };
  let jti: unknown;
  try {
    const { payload } = await compactVerify(token, ctx.control.keys.resolve, {
      algorithms: ctx.control.keys.algorithms(),
    });
    jti = (JSON.parse(decoder.decode(payload)) as { jti?: unknown }).jti;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const record = typeof jti === 'string' ? ctx.store.token(jti) : undefined;
  if (record?.kind !== 'access' || record.tenant !== tssd || record.revokedAt !== null) {
    return { ok: false, reason: 'invalid' };
  }
  if (record.expiresAt <= ctx.nowMs()) return { ok: false, reason: 'expired' };
  const pkg = ctx.store.package(record.packageId);
  const tenant = ctx.store.tenant(record.tenant);
  if (!pkg || !tenant) return { ok: false, reason: 'invalid' };
  return { ok: true, bearer: { record, pkg, tenant, usage } };
}

/** The token of an `Authorization: Bearer …` header, or `undefined`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = authorization === undefined ? null : /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  return m?.[1];
}
