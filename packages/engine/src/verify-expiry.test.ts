import { describe, expect, it } from 'vitest';
import { createDesired } from './desired.js';
import type { StateFile } from './state/state-file.js';
import { emptyState } from './state/state-file.js';
import { basicManifest } from './testing-fixtures.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';
import { expiryChecks } from './verify-expiry.js';

const GENERATED = '2026-01-01T00:00:00.000Z';
const EXPIRES = '2026-06-30T00:00:00.000Z';

function options(nowIso: string) {
  const { desired } = createDesired(basicManifest());
  const resources: Record<string, StateFile['resources'][string]> = {};
  for (const r of Object.values(desired.resources)) {
    const secretStatus = { clientSecret: { generatedAt: GENERATED, expiresAt: EXPIRES, staged: null } };
    resources[r.address] = {
      kind: r.kind,
      id: `id:${r.address}`,
      attributes: r.kind === 'api-integration' ? { ...r.attributes, secretStatus } : r.attributes,
      specHash: r.specHash,
      dependsOn: r.dependsOn,
    };
  }
  const state = { ...emptyState('lin'), serial: 2, resources };
  return {
    desired,
    state,
    target: 'emulator',
    fetch: async () => new Response(null),
    env: {},
    secret: async () => undefined,
    now: () => new Date(nowIso),
  };
}

describe('verify: expiry checks', () => {
  it('no check for a secret with nothing to say; a passing one while it expires soon; a failing one once expired', () => {
    // GIVEN a secret expiring on 30 Jun 2026
    // WHEN verified in March, on 10 Jun, and on 2 Jul
    const march = expiryChecks(options('2026-03-01T00:00:00.000Z'), BUILT_IN_REGISTRY);
    const june = expiryChecks(options('2026-06-10T00:00:00.000Z'), BUILT_IN_REGISTRY);
    const july = expiryChecks(options('2026-07-02T00:00:00.000Z'), BUILT_IN_REGISTRY);
    // THEN
    expect(march).toEqual([]);
    expect(june).toEqual([
      {
        address: 'acme/crm-sync/api',
        check: 'secret-expiry clientSecret',
        status: 'pass',
        detail: 'CRM_SYNC_CLIENT_SECRET: 160 days old; expires in 20 days (2026-06-30) (rotate it: grantform rotate)',
        durationMs: 0,
      },
    ]);
    expect(july).toEqual([
      {
        address: 'acme/crm-sync/api',
        check: 'secret-expiry clientSecret',
        status: 'fail',
        detail: 'CRM_SYNC_CLIENT_SECRET: 182 days old; expired 2 days ago (2026-06-30)',
        durationMs: 0,
      },
    ]);
  });
});
