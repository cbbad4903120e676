/**
 * @module
 * Client-secret lifecycle of Constant Contact applications and partner secrets. The vendor reference
 * says nothing about expiry or a staged rotation for either (the partner secret is issued by API
 * Support; an application's secret is generated in the developer portal), so everything here is an
 * **emulator choice**, shaped like Marketing Cloud's (`../marketing-cloud/secret-rotation.ts`) so one
 * procedure drives both:
 *
 * - secrets never expire (`expiresAt: null`);
 * - a staged secret can be generated at any time (it replaces an unactivated one) and is accepted at
 *   once, beside the active one;
 * - activating it disables the old one at once; `POST …/secret` still replaces the secret at once.
 *
 * Records are mutated in place, as the rest of the Constant Contact store is.
 */
import { matchesDigest, sha256 } from '../../checks/secrets.js';
import type { EmulatorContext } from '../../env.js';
import { AdminError } from '../../errors.js';

/** What a record with a rotatable secret holds (an application or a partner). */
export interface CtctSecretHolder {
  secretHash: string | null;
  /** When the active secret was generated; absent in older state = unknown. */
  secretCreatedAt?: number;
  /** A staged secret, accepted beside the active one until activated. */
  stagedSecret?: { hash: string; createdAt: number } | null;
  /** Last activation of a staged secret. */
  secretActivatedAt?: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether `presented` is an accepted secret of `holder` (the active one, or a staged one). */
export function ctctSecretAccepted(holder: CtctSecretHolder, presented: string): boolean {
  if (matchesDigest(presented, holder.secretHash)) return true;
  const staged = holder.stagedSecret;
  return staged !== undefined && staged !== null && matchesDigest(presented, staged.hash);
}

/** The status the admin API shows (never a secret), in Marketing Cloud's `SecretStatus` shape. */
export function ctctSecretStatus(holder: CtctSecretHolder) {
  const created = holder.secretCreatedAt;
  const staged = holder.stagedSecret ?? null;
  return {
    active: { createdAt: created === undefined ? null : iso(created), expiresAt: null, expired: false },
    staged:
      staged === null
        ? null
        : {
            createdAt: iso(staged.createdAt),
            acceptedFrom: iso(staged.createdAt),
            expiresAt: null,
            accepted: true,
            activatableFrom: iso(staged.createdAt),
          },
    lastActivatedAt: holder.secretActivatedAt ? iso(holder.secretActivatedAt) : null,
    nextStageAt: null,
  };
}

function requireSecret(holder: CtctSecretHolder, what: string): void {
  if (holder.secretHash === null) throw new AdminError('ERR_CONFLICT', `${what} has no secret`);
}

/** Generates a staged secret (shown once); it replaces an unactivated staged one. */
export function stageCtctSecret(ctx: EmulatorContext, holder: CtctSecretHolder, what: string): string {
  requireSecret(holder, what);
  const secret = ctx.randomToken(32);
  holder.stagedSecret = { hash: sha256(secret), createdAt: ctx.nowMs() };
  return secret;
}

/** Activates the staged secret: the old one stops working at once. */
export function activateCtctSecret(ctx: EmulatorContext, holder: CtctSecretHolder, what: string): void {
  requireSecret(holder, what);
  const staged = holder.stagedSecret;
  if (!staged) throw new AdminError('ERR_CONFLICT', `${what} has no staged secret to activate`);
  holder.secretHash = staged.hash;
  holder.secretCreatedAt = staged.createdAt;
  holder.stagedSecret = null;
  holder.secretActivatedAt = ctx.nowMs();
}

/** Replaces the secret at once (the old one stops working); a staged one is dropped. */
export function replaceCtctSecret(ctx: EmulatorContext, holder: CtctSecretHolder, what: string): string {
  requireSecret(holder, what);
  const secret = ctx.randomToken(32);
  holder.secretHash = sha256(secret);
  holder.secretCreatedAt = ctx.nowMs();
  holder.stagedSecret = null;
  return secret;
}
