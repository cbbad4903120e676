/**
 * @module
 * Staged secret rotation (`grantform rotate`, and the plan's `rotate` actions on apply): the
 * console's procedure (vendor-endpoints §1.11), done through the target's `StagedRotation`, so a
 * consumer is never left without a working secret:
 *
 * 1. **stage**: the target generates a staged secret beside the active one (waiting for
 *    `nextStageAt` when it allows one only every 5 minutes). Its value is kept at once in the file
 *    sink under `GRANTFORM_STAGED_<ENV>` (mode 0600, never in state), so a crash does not lose it;
 * 2. **prove**: wait until the target accepts it (`acceptedFrom`: its clock, which
 *    `advanceClock` moves on the emulator, or real time up to `propagationDelayMs`), then a real
 *    token request must authenticate the client with it;
 * 3. **deliver**: to every exec sink, then to the file sink under `<ENV>`; a sink that fails stops
 *    here (`ERR_SECRET_SINK_FAILED`), before activation: the old secret still works (and the file
 *    still holds it);
 * 4. **activate**: the new secret becomes the only one (once `activatableFrom`);
 * 5. **prove** again: the new secret is accepted and the old one (when its value was known) refused;
 * 6. **record**: the resource's `secretStatus` gets the new dates, the pending rotation ends and the
 *    staged copy is removed.
 *
 * Each step is journalled first (STYLE P14; `state.pending[address]` = `{step:'rotate', phase}`), and
 * a re-run resumes from what the target and the file sink show: a staged secret whose value was kept
 * goes on from step 2, one whose value was lost is staged again (the old secret works throughout), a
 * secret activated before the crash is delivered and recorded.
 */
import { Recorder } from './apply/recorder.js';
import type { DriverContext, ResourceDriver, StagedRotation, TargetSecretState } from './driver.js';
import { EngineError } from './errors.js';
import type { SecretRotation } from './plan/types.js';
import type { Registry } from './registry/registry.js';
import type { SecretDates } from './secret-status.js';
import { withSecretDates } from './secret-status.js';
import type { ExecSink } from './state/exec-sink.js';
import type { StateJournal } from './state/journal.js';
import type { RotationPhase } from './state/records.js';
import type { SecretsSink } from './state/secrets-sink.js';
import type { StateStore } from './state/state-store.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';

/** The file-sink key a staged secret is kept under until it is activated and recorded. */
export function stagedKey(env: string): string {
  return `GRANTFORM_STAGED_${env}`;
}

/** One step of a rotation, as it happens (for progress lines; never a value). */
export interface RotationEvent {
  readonly address: string;
  readonly secret: string;
  readonly step: 'resume' | 'wait' | 'stage' | 'prove' | 'deliver' | 'activate' | 'refused' | 'record';
  readonly detail: string;
}

export interface RotateOptions {
  readonly driver: ResourceDriver;
  readonly store: StateStore;
  /** The file sink: the staged copy, the old value (read before it is replaced), the new value. */
  readonly secrets: SecretsSink;
  /** Commands the new value is delivered to after the file (their exit status gates activation). */
  readonly exec?: readonly ExecSink[];
  /** The old value when the file sink lacks it (the environment). */
  readonly fallback?: (env: string) => string | undefined;
  /** Move the target's clock instead of waiting (the emulator's; `driver.advanceClockTo`). */
  readonly advanceClock?: boolean;
  /** At most this long in real time waiting for the target to accept a secret. @default 600000 */
  readonly propagationDelayMs?: number;
  /** Between polls while waiting. @default 5000 */
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onEvent?: (e: RotationEvent) => void;
  /** The kinds there are. @default the built-in vendors' */
  readonly registry?: Registry;
}

export interface RotationResult {
  readonly address: string;
  readonly secret: string;
  readonly env: string;
  /** The new secret's dates, as the target reports them after activation. */
  readonly dates: SecretDates;
  /** The old secret was shown to be refused (`false`: its value was not known, so not tried). */
  readonly oldRefused: boolean;
}

function datesOf(s: TargetSecretState): SecretDates {
  return { generatedAt: s.generatedAt, expiresAt: s.expiresAt, staged: null };
}

/** Runs one rotation under `journal`. */
async function rotateOne(
  r: SecretRotation,
  journal: StateJournal,
  recorder: Recorder,
  o: RotateOptions & { readonly sleep: (ms: number) => Promise<void> },
): Promise<RotationResult> {
  const { driver, secrets } = o;
  const res = journal.resource(r.address);
  if (res === undefined) throw new EngineError('ERR_ROTATION_FAILED', `${r.address} is not in state; apply it first`);
  const rotation: StagedRotation | undefined = driver.resources[res.kind]?.rotation;
  if (rotation === undefined) {
    throw new EngineError(
      'ERR_ROTATION_FAILED',
      `${r.address}: the ${driver.name} target cannot rotate a ${res.kind}'s ${r.secret} in stages`,
    );
  }
  const ctx: DriverContext = recorder.context(r.address, res.kind, res.attributes, 'known');
  const label = `${r.address} ${r.secret} (${r.env})`;
  const event = (step: RotationEvent['step'], detail: string) =>
    o.onEvent?.({ address: r.address, secret: r.secret, step, detail });
  const begin = (phase: RotationPhase) =>
    recorder.begin(r.address, { kind: res.kind, step: 'rotate', id: res.id, secrets: [r.secret], phase });
  const now = async () => (driver.now === undefined ? new Date() : await driver.now());
  const pollMs = o.pollMs ?? 5000;
  const budget = o.propagationDelayMs ?? 600_000;

  /** Waits until the target's clock reaches `at`. */
  const waitUntil = async (at: string, what: string) => {
    let waited = 0;
    for (;;) {
      const t = await now();
      const left = Date.parse(at) - t.getTime();
      if (left <= 0) return;
      if (o.advanceClock === true && driver.advanceClockTo !== undefined) {
        event('wait', `${what}: moved the target's clock ${Math.ceil(left / 1000)}s forward to ${at}`);
        await driver.advanceClockTo(at);
        continue;
      }
      if (waited >= budget) {
        throw new EngineError(
          'ERR_ROTATION_FAILED',
          `${label}: ${what} at ${at}, ${Math.ceil(left / 1000)}s from now, past --propagation-delay; the old secret still works: run grantform rotate again to resume`,
        );
      }
      const step = Math.min(left, pollMs, budget - waited);
      if (waited === 0) event('wait', `${what}: waiting until ${at}`);
      await o.sleep(step);
      waited += step;
    }
  };

  /** A real token request with `value` must come out as `accepted` (retried while the target propagates). */
  const prove = async (value: string, accepted: boolean, which: string) => {
    let waited = 0;
    for (;;) {
      const outcome = await rotation.probe(res.id, r.secret, value, ctx);
      if (outcome.accepted === accepted) return outcome.detail;
      if (waited >= budget) {
        throw new EngineError(
          'ERR_ROTATION_FAILED',
          `${label}: the ${which} secret was ${outcome.accepted ? 'still accepted' : 'refused'} (${outcome.detail})`,
        );
      }
      await o.sleep(Math.min(pollMs, budget - waited));
      waited += Math.min(pollMs, budget - waited);
    }
  };

  // The commands first: when one fails, the file still holds the old value, as the target does.
  const deliver = async (value: string) => {
    for (const e of o.exec ?? []) await e.deliver(r.env, value);
    await secrets.put(r.env, value);
    event(
      'deliver',
      `delivered to ${[secrets.location, ...(o.exec ?? []).map((e) => `\`${e.location}\``)].join(', ')}`,
    );
  };

  const record = async (state: TargetSecretState, oldRefused: boolean): Promise<RotationResult> => {
    const dates = datesOf(state);
    const current = journal.resource(r.address) ?? res;
    await recorder.put(r.address, {
      ...current,
      attributes: { ...current.attributes, ...withSecretDates(current.attributes, r.secret, dates) },
    });
    await secrets.delete(stagedKey(r.env));
    event(
      'record',
      `recorded: generated ${dates.generatedAt ?? 'at an unknown time'}, expires ${dates.expiresAt ?? 'never'}`,
    );
    return { address: r.address, secret: r.secret, env: r.env, dates, oldRefused };
  };

  const pending = journal.snapshot().pending[r.address];
  let phase: RotationPhase | null =
    pending?.step === 'rotate' && pending.secrets.includes(r.secret) ? (pending.phase ?? 'stage') : null;
  let status = await rotation.status(res.id, r.secret, ctx);
  let value = phase === null ? undefined : await secrets.get(stagedKey(r.env));
  const current = (await secrets.get(r.env)) ?? o.fallback?.(r.env);
  // Resuming after delivery, the sink already holds the new value: the old one is not known.
  const old = current !== undefined && current !== value ? current : undefined;
  if (phase !== null) event('resume', `resuming an interrupted rotation (${phase} step)`);

  // Activated before a crash: the kept value is the active secret now.
  if (phase !== null && status.staged === null && value !== undefined) {
    const outcome = await rotation.probe(res.id, r.secret, value, ctx);
    if (outcome.accepted) {
      event('prove', `the new secret is the active one (${outcome.detail})`);
      if (phase !== 'activate' || current !== value) await deliver(value);
      return record(status, false);
    }
  }

  // 1. Stage (again, when the staged value was lost or nothing is staged).
  if (status.staged === null || value === undefined) {
    if (status.nextStageAt !== null) await waitUntil(status.nextStageAt, 'the target allows the next staged secret');
    await begin('stage');
    const staged = await rotation.stage(res.id, r.secret, ctx);
    value = staged.value;
    status = staged.state;
    await secrets.put(stagedKey(r.env), value);
    phase = 'stage';
    event('stage', `staged a new secret (kept as ${stagedKey(r.env)} until activated)`);
  }
  const staged = status.staged;
  if (staged === null) throw new EngineError('ERR_ROTATION_FAILED', `${label}: the target reports no staged secret`);

  // 2. Wait until the target accepts it, and prove it with a token request.
  await waitUntil(staged.acceptedFrom, 'the target accepts the staged secret');
  event('prove', `the staged secret works: ${await prove(value, true, 'staged')}`);

  // 3. Deliver (the sinks gate activation).
  if (phase !== 'activate') {
    await begin('deliver');
    await deliver(value);
  }

  // 4. Activate.
  await begin('activate');
  await waitUntil(staged.activatableFrom, 'the target allows activation');
  status = await rotation.activate(res.id, r.secret, ctx);
  event('activate', 'activated the new secret: the old one stops working now');

  // 5. Prove: the new one works, the old one is refused.
  event('prove', `the new secret works: ${await prove(value, true, 'new')}`);
  let oldRefused = false;
  if (old !== undefined) {
    event('refused', `the old secret is refused: ${await prove(old, false, 'old')}`);
    oldRefused = true;
  }
  // 6. Record.
  return record(status, oldRefused);
}

/**
 * Rotates each secret in turn, journalled (a re-run resumes an interrupted one). The first failure
 * stops (`ERR_ROTATION_FAILED`, `ERR_SECRET_SINK_FAILED`, …) with the rotations done recorded.
 * @example
 * await rotateSecrets(plan.rotations ?? [], { driver, store, secrets, advanceClock: true });
 */
export async function rotateSecrets(
  rotations: readonly SecretRotation[],
  options: RotateOptions,
): Promise<RotationResult[]> {
  if (rotations.length === 0) return [];
  if (options.driver.readOnly) {
    throw new EngineError(
      'ERR_TARGET_READ_ONLY',
      `the ${options.driver.name} target is read-only: rotate in its console`,
    );
  }
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  const journal = await options.store.openJournal(await options.store.read());
  const recorder = new Recorder(journal, registry);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const done: RotationResult[] = [];
  try {
    for (const r of rotations) done.push(await rotateOne(r, journal, recorder, { ...options, sleep }));
  } finally {
    await journal.close();
  }
  return done;
}
