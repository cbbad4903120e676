/**
 * @module
 * Client-secret rotation as the console does it (vendor-endpoints §1.11): generate a **staged** secret
 * (at most once per 5 minutes; it replaces any unactivated staged one); 5 minutes after generation
 * both secrets are accepted; activating the staged secret disables the old one at once (at most once
 * per 5 minutes, and only once the staged secret is live); every secret expires 180 days (setting
 * `secretLifetimeDays`) after it was generated. All on the emulator clock.
 *
 * A package's JWT signing secret has no staged rotation (the console's "Refresh" replaces it at once)
 * and, the vendor documenting no expiry for it, never expires here (emulator choice): only when it
 * was generated is reported.
 */
import { matchesDigest, sha256 } from '../../checks/secrets.js';
import { AdminError, notFound, validationError } from '../../errors.js';
import type { McContext } from './context.js';
import type { IntegrationRecord, PackageRecord } from './store/records.js';

export const STAGE_INTERVAL_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const lifetimeMs = (ctx: McContext) => ctx.control.settings.secretLifetimeDays * DAY_MS;

/** Whether `presented` is an accepted secret of the integration right now. */
export function secretAccepted(ctx: McContext, integration: IntegrationRecord, presented: string): boolean {
  const now = ctx.nowMs();
  const life = lifetimeMs(ctx);
  if (matchesDigest(presented, integration.secretHash)) {
    return integration.secretCreatedAt === undefined || now < integration.secretCreatedAt + life;
  }
  const staged = integration.stagedSecret;
  return (
    staged !== undefined &&
    staged !== null &&
    now >= staged.createdAt + STAGE_INTERVAL_MS &&
    now < staged.createdAt + life &&
    matchesDigest(presented, staged.hash)
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** When the next staged secret may be generated (`null`: at any time). */
function nextStageAt(integration: IntegrationRecord): number | null {
  const last = integration.stagedSecret?.createdAt ?? integration.lastStagedAt;
  return last === undefined || last === null ? null : last + STAGE_INTERVAL_MS;
}

/** When the staged secret may be activated: once it is live, and 5 minutes after the last activation. */
function activatableFrom(integration: IntegrationRecord, stagedAt: number): number {
  const last = integration.secretActivatedAt;
  return Math.max(stagedAt + STAGE_INTERVAL_MS, last === undefined || last === null ? 0 : last + STAGE_INTERVAL_MS);
}

/** The rotation status the admin API shows (never a secret). */
export function secretStatus(ctx: McContext, integration: IntegrationRecord) {
  const now = ctx.nowMs();
  const life = lifetimeMs(ctx);
  const created = integration.secretCreatedAt;
  const staged = integration.stagedSecret ?? null;
  const next = nextStageAt(integration);
  return {
    active: {
      createdAt: created === undefined ? null : iso(created),
      expiresAt: created === undefined ? null : iso(created + life),
      expired: created !== undefined && now >= created + life,
    },
    staged:
      staged === null
        ? null
        : {
            createdAt: iso(staged.createdAt),
            acceptedFrom: iso(staged.createdAt + STAGE_INTERVAL_MS),
            expiresAt: iso(staged.createdAt + life),
            accepted: now >= staged.createdAt + STAGE_INTERVAL_MS,
            activatableFrom: iso(activatableFrom(integration, staged.createdAt)),
          },
    lastActivatedAt: integration.secretActivatedAt ? iso(integration.secretActivatedAt) : null,
    nextStageAt: next === null ? null : iso(next),
  };
}

/** When a package's JWT signing secret was generated (`null`: before the emulator recorded it); it never expires. */
export function jwtSigningSecretStatus(pkg: PackageRecord) {
  const created = pkg.jwtSigningSecretCreatedAt;
  return { createdAt: created === undefined ? null : iso(created), expiresAt: null };
}

function secretIntegration(pkg: PackageRecord): IntegrationRecord {
  const integration = pkg.integration;
  if (!integration) throw notFound(`package ${pkg.id} has no API integration`);
  if (integration.type === 'public-app') {
    throw validationError([{ path: 'type', message: 'public apps have no client secret' }]);
  }
  return integration;
}

/** Generates a staged secret; returns it (shown once). */
export function stageSecret(ctx: McContext, pkg: PackageRecord): string {
  const integration = secretIntegration(pkg);
  const now = ctx.nowMs();
  const next = nextStageAt(integration);
  if (next !== null && now < next) {
    throw new AdminError(
      'ERR_CONFLICT',
      `a staged secret can be generated at most once every 5 minutes (next at ${iso(next)})`,
    );
  }
  const secret = ctx.randomToken(18);
  ctx.store.savePackage({
    ...pkg,
    integration: { ...integration, stagedSecret: { hash: sha256(secret), createdAt: now }, lastStagedAt: now },
  });
  return secret;
}

/** Activates the staged secret: the old one stops working at once. */
export function activateSecret(ctx: McContext, pkg: PackageRecord): IntegrationRecord {
  const integration = secretIntegration(pkg);
  const now = ctx.nowMs();
  const staged = integration.stagedSecret;
  if (!staged) throw new AdminError('ERR_CONFLICT', 'there is no staged secret to activate');
  if (now < staged.createdAt + STAGE_INTERVAL_MS) {
    throw new AdminError(
      'ERR_CONFLICT',
      `the staged secret is accepted only from ${iso(staged.createdAt + STAGE_INTERVAL_MS)}; activate it after that`,
    );
  }
  const last = integration.secretActivatedAt;
  if (last !== undefined && last !== null && now < last + STAGE_INTERVAL_MS) {
    throw new AdminError('ERR_CONFLICT', 'a secret can be activated at most once every 5 minutes');
  }
  const next: IntegrationRecord = {
    ...integration,
    secretHash: staged.hash,
    secretCreatedAt: staged.createdAt,
    stagedSecret: null,
    secretActivatedAt: now,
  };
  ctx.store.savePackage({ ...pkg, integration: next });
  return next;
}
