/**
 * Constant Contact secrets through the staged rotation (emulator choices: they never expire, a staged
 * secret is accepted at once beside the active one, activating it disables the old one): an
 * application's client secret and a partner secret are rotated with `rotateSecrets`, each proven
 * with a real token request; afterwards the old secrets are refused and `verify` passes with the
 * new ones from the secrets sink.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/src/index.js';
import { ctctManifest } from '../../emulator/src/vendors/constant-contact/test-fixtures.js';
import {
  apply,
  createEmulatorDriver,
  createMemorySecretsSink,
  createMemoryStateStore,
  planManifest,
  verify,
} from '../../packages/engine/src/index.js';
import type { SecretRotation } from '../../packages/engine/src/plan/types.js';
import type { RotationEvent } from '../../packages/engine/src/rotation.js';
import { rotateSecrets } from '../../packages/engine/src/rotation.js';

const ENDPOINT = 'http://127.0.0.1:4010';

describe('Constant Contact staged rotation on the emulator', () => {
  it("rotates an application's secret and a partner secret; the old ones are refused, verify passes", async () => {
    // GIVEN the Constant Contact fixture applied
    const app = createEmulator({ headlessAuthorize: true, constantContact: { rateLimits: false } });
    const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
    const driver = createEmulatorDriver({ endpoint: ENDPOINT, fetch });
    const store = createMemoryStateStore();
    const secrets = createMemorySecretsSink();
    const manifest = ctctManifest();
    const { plan, desired } = await planManifest({ manifest, driver, store });
    await apply(plan, { driver, store, secrets });
    const newsletter = Object.values(desired.resources).find(
      (r) => r.kind === 'ctct-application' && r.attributes.name === 'newsletter',
    );
    const partner = Object.values(desired.resources).find((r) => r.kind === 'ctct-partner');
    const appEnv = (newsletter?.attributes.clientSecret as { env: string } | undefined)?.env ?? '';
    const partnerEnv = (partner?.attributes.partnerSecret as { env: string } | undefined)?.env ?? '';
    const before = new Map(secrets.entries);

    // WHEN both are rotated
    const rotations: SecretRotation[] = [
      {
        action: 'rotate',
        address: newsletter?.address ?? '',
        kind: 'ctct-application',
        secret: 'clientSecret',
        env: appEnv,
        reason: 'requested',
      },
      {
        action: 'rotate',
        address: partner?.address ?? '',
        kind: 'ctct-partner',
        secret: 'partnerSecret',
        env: partnerEnv,
        reason: 'requested',
      },
    ];
    const events: RotationEvent[] = [];
    const results = await rotateSecrets(rotations, { driver, store, secrets, onEvent: (e) => events.push(e) });

    // THEN each was proven, activated, and the old one refused
    expect(results.map((r) => [r.address, r.secret, r.oldRefused, r.dates.expiresAt])).toEqual([
      [newsletter?.address, 'clientSecret', true, null],
      [partner?.address, 'partnerSecret', true, null],
    ]);
    expect(events.filter((e) => e.step === 'refused').map((e) => e.detail)).toEqual([
      expect.stringMatching(/^the old secret is refused: HTTP 401 invalid_client/),
      expect.stringMatching(/^the old secret is refused: HTTP 4\d\d invalid_client/),
    ]);
    expect(events.filter((e) => e.step === 'prove').map((e) => e.detail)).toEqual([
      'the staged secret works: the client authenticated (HTTP 400 invalid_grant: The refresh token is invalid or expired.)',
      'the new secret works: the client authenticated (HTTP 400 invalid_grant: The refresh token is invalid or expired.)',
      'the staged secret works: token issued',
      'the new secret works: token issued',
    ]);
    // AND the sink holds new values (and no staged copies)
    expect(secrets.entries.get(appEnv)).not.toBe(before.get(appEnv));
    expect(secrets.entries.get(partnerEnv)).not.toBe(before.get(partnerEnv));
    expect([...secrets.entries.keys()].filter((k) => k.startsWith('GRANTFORM_STAGED_'))).toEqual([]);
    // AND verify passes with them
    const report = await verify({
      desired,
      state: store.current(),
      target: 'emulator',
      fetch,
      env: {},
      secret: secrets.get,
      emulatorEndpoint: ENDPOINT,
    });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(store.current().pending).toEqual({});
  }, 60_000);
});
