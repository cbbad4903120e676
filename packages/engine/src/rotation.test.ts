import { describe, expect, it } from 'vitest';
import type { KindDriver, ResourceDriver, TargetSecretState } from './driver.js';
import { isEngineError } from './errors.js';
import type { SecretRotation } from './plan/types.js';
import type { RotationEvent } from './rotation.js';
import { rotateSecrets, stagedKey } from './rotation.js';
import { createMemorySecretsSink } from './state/secrets-sink.js';
import { emptyState } from './state/state-file.js';
import { createMemoryStateStore } from './state/state-store.js';

const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const FIVE_MIN = 300_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A target with a real clock of its own (moved only by `sleep`) and the console's rules: a staged
 * secret is accepted 5 minutes after it is generated; activating disables the old one.
 */
function fakeTarget() {
  let now = T0;
  let active = { value: 'old-secret', at: T0 - 100 * 86_400_000 };
  let staged: { value: string; at: number } | null = null;
  let n = 0;
  const state = (): TargetSecretState => ({
    generatedAt: iso(active.at),
    expiresAt: iso(active.at + 180 * 86_400_000),
    staged:
      staged === null
        ? null
        : {
            generatedAt: iso(staged.at),
            acceptedFrom: iso(staged.at + FIVE_MIN),
            activatableFrom: iso(staged.at + FIVE_MIN),
          },
    nextStageAt: null,
  });
  const accepts = (v: string) =>
    v === active.value || (staged !== null && v === staged.value && now >= staged.at + FIVE_MIN);
  const kind: KindDriver = {
    read: async () => null,
    create: async () => ({ id: 'x', attributes: {}, secrets: [] }),
    update: async () => ({ id: 'x', attributes: {}, secrets: [] }),
    delete: async () => {},
    rotation: {
      status: async () => state(),
      stage: async () => {
        n += 1;
        staged = { value: `new-secret-${n}`, at: now };
        return { value: staged.value, state: state() };
      },
      activate: async () => {
        if (staged === null || now < staged.at + FIVE_MIN) throw new Error('not activatable');
        active = staged;
        staged = null;
        return state();
      },
      probe: async (_id, _name, value) =>
        accepts(value)
          ? { accepted: true, detail: 'token issued' }
          : { accepted: false, detail: 'HTTP 401 invalid_client' },
    },
  };
  const driver: ResourceDriver = {
    name: 'fake',
    readOnly: false,
    // Only the kind rotated here.
    resources: { 'api-integration': kind } as unknown as ResourceDriver['resources'],
    observe: async () => ({}),
    now: async () => new Date(now),
  };
  const sleep = async (ms: number) => {
    now += ms;
  };
  return { driver, sleep, accepts, activeValue: () => active.value };
}

const ROTATION: SecretRotation = {
  action: 'rotate',
  address: 'acme/crm-sync/api',
  kind: 'api-integration',
  secret: 'clientSecret',
  env: 'CRM_SYNC_CLIENT_SECRET',
  reason: 'requested',
};

function setup() {
  const store = createMemoryStateStore({
    ...emptyState('lin'),
    serial: 4,
    resources: {
      'acme/crm-sync/api': {
        kind: 'api-integration',
        id: 'cid',
        attributes: { clientId: 'cid' },
        specHash: 'h',
        dependsOn: [],
      },
    },
  });
  const secrets = createMemorySecretsSink();
  secrets.entries.set('CRM_SYNC_CLIENT_SECRET', 'old-secret');
  return { store, secrets };
}

describe('rotateSecrets without moving the clock', () => {
  it('waits (real time, polling) until the staged secret is accepted, then delivers and activates', async () => {
    // GIVEN a target whose staged secret is accepted 5 minutes after staging
    const target = fakeTarget();
    const { store, secrets } = setup();
    const events: RotationEvent[] = [];
    // WHEN rotated with a 10-minute propagation delay and a 1-minute poll
    const [result] = await rotateSecrets([ROTATION], {
      driver: target.driver,
      store,
      secrets,
      propagationDelayMs: 600_000,
      pollMs: 60_000,
      sleep: target.sleep,
      onEvent: (e) => events.push(e),
    });
    // THEN it waited until then, proved, delivered, activated and proved the old one refused
    expect(events.map((e) => `${e.step}: ${e.detail}`)).toEqual([
      'stage: staged a new secret (kept as GRANTFORM_STAGED_CRM_SYNC_CLIENT_SECRET until activated)',
      'wait: the target accepts the staged secret: waiting until 2026-06-01T00:05:00.000Z',
      'prove: the staged secret works: token issued',
      'deliver: delivered to memory',
      'activate: activated the new secret: the old one stops working now',
      'prove: the new secret works: token issued',
      'refused: the old secret is refused: HTTP 401 invalid_client',
      'record: recorded: generated 2026-06-01T00:00:00.000Z, expires 2026-11-28T00:00:00.000Z',
    ]);
    expect(result?.oldRefused).toBe(true);
    expect(secrets.entries.get('CRM_SYNC_CLIENT_SECRET')).toBe('new-secret-1');
    expect(secrets.entries.has(stagedKey('CRM_SYNC_CLIENT_SECRET'))).toBe(false);
    expect(target.activeValue()).toBe('new-secret-1');
    // AND the state holds the new dates and nothing pending
    expect(store.current().pending).toEqual({});
    expect(store.current().resources['acme/crm-sync/api']?.attributes.secretStatus).toEqual({
      clientSecret: { generatedAt: '2026-06-01T00:00:00.000Z', expiresAt: '2026-11-28T00:00:00.000Z', staged: null },
    });
  });

  it('a propagation delay shorter than the target needs stops before activation; the old secret still works', async () => {
    const target = fakeTarget();
    const { store, secrets } = setup();
    const err = await rotateSecrets([ROTATION], {
      driver: target.driver,
      store,
      secrets,
      propagationDelayMs: 120_000,
      pollMs: 60_000,
      sleep: target.sleep,
    }).catch((e: unknown) => e);
    expect(isEngineError(err, 'ERR_ROTATION_FAILED')).toBe(true);
    expect((err as Error).message).toBe(
      'acme/crm-sync/api clientSecret (CRM_SYNC_CLIENT_SECRET): the target accepts the staged secret at 2026-06-01T00:05:00.000Z, 180s from now, past --propagation-delay; the old secret still works: run grantform rotate again to resume',
    );
    expect(target.activeValue()).toBe('old-secret');
    expect(secrets.entries.get('CRM_SYNC_CLIENT_SECRET')).toBe('old-secret');
    expect(store.current().pending['acme/crm-sync/api']).toMatchObject({ step: 'rotate', phase: 'stage' });
  });
});
