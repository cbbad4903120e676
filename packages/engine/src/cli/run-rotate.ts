/**
 * @module
 * What `grantform rotate` does (registered in `./commands/rotate.ts`): under the state lock, plan
 * (refreshing the secrets' dates), pick the rotations (the addresses given, or the plan's), and run
 * the staged procedure (`rotation.ts`) with a line per step. On a read-only target (`sfmc`) it prints
 * the console steps instead, then runs `verify --wait` on those addresses.
 */
import { planManifest } from '../engine.js';
import { requestedRotations } from '../plan/expiry.js';
import type { SecretRotation } from '../plan/types.js';
import type { RotationEvent, RotationResult } from '../rotation.js';
import { rotateSecrets } from '../rotation.js';
import { withLock } from '../state/lock.js';
import type { StateStore } from '../state/state-store.js';
import { createFileStateStore } from '../state/state-store.js';
import { BUILT_IN_REGISTRY } from '../vendors/index.js';
import { durationFlag } from './flags.js';
import type { CliIo } from './io.js';
import type { CommonFlags } from './options.js';
import { runVerify } from './run-verify.js';
import type { Resolved } from './shared.js';
import { execSinksFor, loadManifest, resolveCommon, secretsFileFor, writeJson } from './shared.js';

/** The flags a rotation takes (`rotate`, and `apply` for the plan's rotate actions). */
export interface RotationFlags extends CommonFlags {
  /** How long to wait for the target to accept a staged secret. */
  readonly propagationDelay?: string;
  /** Move the emulator's clock instead of waiting. */
  readonly advanceEmulatorClock?: boolean;
}

export interface RotateFlags extends RotationFlags {
  /** `--target sfmc`: how long `verify` waits for the new secrets. */
  readonly wait?: string;
}

/**
 * Runs `rotations` (`rotation.ts`) with the configured sinks (the file, each `--secrets-exec`), the
 * environment as the fallback for the old value, and a line per step (not with `--json`).
 */
export async function rotateWithSinks(
  rotations: readonly SecretRotation[],
  flags: RotationFlags,
  r: Resolved,
  io: CliIo,
  store: StateStore,
): Promise<RotationResult[]> {
  const propagationDelayMs = durationFlag('--propagation-delay', flags.propagationDelay ?? '10m', 0, 86_400_000);
  return rotateSecrets(rotations, {
    driver: r.driver,
    store,
    secrets: secretsFileFor(flags, r.statePath, io),
    exec: execSinksFor(flags, io),
    fallback: (env) => io.env[env],
    advanceClock: flags.advanceEmulatorClock === true,
    propagationDelayMs,
    onEvent: (e) => {
      if (!r.json) io.stdout(eventLine(e));
    },
  });
}

function eventLine(e: RotationEvent): string {
  return `${e.address} ${e.secret}: ${e.detail}\n`;
}

function rotationLine(r: SecretRotation): string {
  return `Rotating ${r.address} ${r.secret} (${r.env}): ${r.reason}\n`;
}

/** Runs `grantform rotate`. */
export async function runRotate(addresses: readonly string[], flags: RotateFlags, io: CliIo): Promise<void> {
  // Checked before anything runs.
  durationFlag('--propagation-delay', flags.propagationDelay ?? '10m', 0, 86_400_000);
  const r = resolveCommon(flags, io);
  const manifest = await loadManifest(r.configPath);
  const store = createFileStateStore(r.statePath);
  const pick = async () => {
    const { plan, desired } = await planManifest({
      manifest,
      driver: r.driver,
      store,
      ...(addresses.length === 0 ? {} : { targetAddresses: addresses }),
    });
    const planned = plan.rotations ?? [];
    const rotatable = (kind: string) => r.driver.readOnly || r.driver.resources[kind]?.rotation !== undefined;
    const rotations =
      addresses.length === 0 ? planned : requestedRotations(addresses, desired, planned, BUILT_IN_REGISTRY, rotatable);
    return { plan, desired, rotations };
  };

  const manual = r.driver.readOnly ? r.driver.manual : undefined;
  if (manual !== undefined) {
    // A read-only target: the console steps, then verify waits for the new secrets to work.
    const { desired, rotations } = await pick();
    if (rotations.length === 0) {
      io.stdout('Nothing to rotate: no secret is past its rotation policy. Name the addresses to rotate.\n');
      return;
    }
    io.stdout(
      manual.renderRotationSteps?.(rotations, { desired, notes: r.driver.notes ?? [] }) ??
        rotations.map(rotationLine).join(''),
    );
    await runVerify(
      { ...flags, wait: flags.wait ?? '15m', interval: '15s', address: [...new Set(rotations.map((x) => x.address))] },
      io,
    );
    return;
  }

  await withLock(r.statePath, 'rotate', { force: flags.forceUnlock === true }, async () => {
    const { plan, rotations } = await pick();
    if (!r.json)
      for (const d of plan.diagnostics) io.stderr(`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}\n`);
    if (rotations.length === 0) {
      if (r.json) writeJson(io, { rotations: [], results: [] });
      else io.stdout('Nothing to rotate: no secret is past its rotation policy or in an interrupted rotation.\n');
      return;
    }
    if (!r.json) for (const x of rotations) io.stdout(rotationLine(x));
    const results = await rotateWithSinks(rotations, flags, r, io, store);
    if (r.json) writeJson(io, { rotations, results });
    else io.stdout(`\nRotation complete! ${results.length} secret${results.length === 1 ? '' : 's'} rotated.\n`);
  });
}
