/**
 * @module
 * Secrets that expire, as data (pure). A target reports, for each secret it handed out, when it was
 * generated, when it expires (`null`: never) and any staged successor; the engine keeps that in
 * state as the computed attribute `secretStatus` (`{[secret name]: SecretDates}`) of the resource
 * holding the secret, refreshed like every other server-assigned value. From those dates, the
 * target's clock and the config's rotation policy (`rotation: {maxAgeDays}`), {@link secretReports}
 * says which secrets are fine, expiring within the warning window, expired, or due for rotation: what
 * `plan` warns about, `verify` checks and `grantform rotate` picks up.
 */
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject } from './json.js';
import type { SecretName } from './state/records.js';

/** The computed attribute holding a resource's secret dates. */
export const SECRET_STATUS_ATTRIBUTE = 'secretStatus';

export const DAY_MS = 86_400_000;

/** The warning window `plan` uses when not told otherwise (`--expiry-warning`). */
export const DEFAULT_EXPIRY_WARNING_MS = 30 * DAY_MS;

/** When a secret was generated and expires, and a staged successor, as the target reports them (ISO times). */
export interface SecretDates {
  /** `null`: the target does not know (made before it recorded dates). */
  readonly generatedAt: string | null;
  /** `null`: it never expires. */
  readonly expiresAt: string | null;
  /** A staged secret waiting for activation (a rotation in progress), or `null`. */
  readonly staged: { readonly generatedAt: string; readonly acceptedFrom: string } | null;
}

function isoOrNull(v: JsonValue | undefined): string | null {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null;
}

/** The dates of secret `name` kept in `attributes` (`secretStatus[name]`), or `null` when none are known. */
export function secretDatesIn(attributes: JsonObject | null | undefined, name: SecretName): SecretDates | null {
  const all = attributes?.[SECRET_STATUS_ATTRIBUTE];
  const d = isJsonObject(all) ? all[name] : undefined;
  if (!isJsonObject(d)) return null;
  const staged = isJsonObject(d.staged) ? d.staged : null;
  const stagedAt = isoOrNull(staged?.generatedAt);
  const acceptedFrom = isoOrNull(staged?.acceptedFrom);
  return {
    generatedAt: isoOrNull(d.generatedAt),
    expiresAt: isoOrNull(d.expiresAt),
    staged: stagedAt === null || acceptedFrom === null ? null : { generatedAt: stagedAt, acceptedFrom },
  };
}

/** `{secretStatus: {...kept, [name]: dates}}`: `attributes`' status with one secret's dates replaced. */
export function withSecretDates(attributes: JsonObject, name: SecretName, dates: SecretDates): JsonObject {
  const all = attributes[SECRET_STATUS_ATTRIBUTE];
  const kept = isJsonObject(all) ? all : {};
  return { [SECRET_STATUS_ATTRIBUTE]: { ...kept, [name]: datesJson(dates) } };
}

/** Dates as state JSON. */
export function datesJson(dates: SecretDates): JsonObject {
  return {
    generatedAt: dates.generatedAt,
    expiresAt: dates.expiresAt,
    staged: dates.staged === null ? null : { ...dates.staged },
  };
}

/** Where a secret stands against the clock and the policy. */
export type SecretCondition = 'ok' | 'expiring' | 'expired' | 'unknown';

/** One secret of one resource, judged at a moment. */
export interface SecretReport {
  /** The resource holding the secret (a package holds its JWT signing secret). */
  readonly address: string;
  readonly secret: SecretName;
  /** Where its value is kept (the secrets sink key / env name). */
  readonly env: string;
  readonly generatedAt: string | null;
  readonly expiresAt: string | null;
  /** Whole days since it was generated; `null` when unknown. */
  readonly ageDays: number | null;
  /** Whole days until it expires (negative: since it expired); `null` when it never does. */
  readonly expiresInDays: number | null;
  readonly condition: SecretCondition;
  /** The rotation policy's maximum age, when the config sets one. */
  readonly maxAgeDays?: number;
  /** Older than `maxAgeDays`. */
  readonly pastPolicy?: true;
}

/** One secret to judge: where it is, its dates, and the policy that applies to it. */
export interface SecretSubject {
  readonly address: string;
  readonly secret: SecretName;
  readonly env: string;
  readonly dates: SecretDates | null;
  readonly maxAgeDays?: number;
}

/** Whole days in `ms` (towards zero). */
function days(ms: number): number {
  return Math.trunc(ms / DAY_MS);
}

/**
 * Judges each secret at `now`: expired (its expiry is past), expiring (it expires within
 * `warningMs`), ok, or unknown (no dates); and whether it is past its rotation policy.
 * @example
 * secretReports([{ address: 'acme/crm/api', secret: 'clientSecret', env: 'CRM', dates }], now, 30 * DAY_MS);
 */
export function secretReports(subjects: readonly SecretSubject[], now: Date, warningMs: number): SecretReport[] {
  const t = now.getTime();
  return subjects.map((s) => {
    const generated = s.dates?.generatedAt == null ? null : Date.parse(s.dates.generatedAt);
    const expires = s.dates?.expiresAt == null ? null : Date.parse(s.dates.expiresAt);
    const condition: SecretCondition =
      s.dates === null || (generated === null && expires === null)
        ? 'unknown'
        : expires === null
          ? 'ok'
          : t >= expires
            ? 'expired'
            : expires - t <= warningMs
              ? 'expiring'
              : 'ok';
    const ageDays = generated === null ? null : days(t - generated);
    const pastPolicy =
      s.maxAgeDays !== undefined && generated !== null && t - generated >= s.maxAgeDays * DAY_MS
        ? { pastPolicy: true as const }
        : {};
    return {
      address: s.address,
      secret: s.secret,
      env: s.env,
      generatedAt: s.dates?.generatedAt ?? null,
      expiresAt: s.dates?.expiresAt ?? null,
      ageDays,
      expiresInDays: expires === null ? null : expires > t ? Math.ceil((expires - t) / DAY_MS) : -days(t - expires),
      condition,
      ...(s.maxAgeDays === undefined ? {} : { maxAgeDays: s.maxAgeDays }),
      ...pastPolicy,
    };
  });
}

/** `in 20 days (2026-06-30)` / `3 days ago (2026-06-30)` / `today`. */
export function describeExpiry(r: SecretReport): string {
  if (r.expiresAt === null || r.expiresInDays === null) return 'never expires';
  const date = r.expiresAt.slice(0, 10);
  const n = r.expiresInDays;
  if (r.condition === 'expired')
    return n === 0 ? `expired today (${date})` : `expired ${-n} day${n === -1 ? '' : 's'} ago (${date})`;
  return `expires in ${n} day${n === 1 ? '' : 's'} (${date})`;
}

/** `clientSecret (CRM_SYNC_CLIENT_SECRET)`. */
export function secretLabel(r: { readonly secret: string; readonly env: string }): string {
  return `${r.secret} (${r.env})`;
}

/** The rotation policy in desired attributes (`rotation.maxAgeDays`), or `undefined`. */
export function maxAgeDaysIn(attributes: JsonObject | null | undefined): number | undefined {
  const r = attributes?.rotation;
  return isJsonObject(r) && typeof r.maxAgeDays === 'number' ? r.maxAgeDays : undefined;
}
