/**
 * Secrets that expire, end to end through the CLI against the in-process emulator: apply; the
 * emulator clock moves 160 days; `plan` warns (and `--fail-on-expiring 30d` exits 1 while
 * `--detailed-exitcode` stays 0); `grantform rotate` with an exec sink that records what it gets:
 * during the overlap (while the sink runs) both secrets get tokens, after activation the old one
 * gets `invalid_client`, the sink got the new value exactly once, `verify` passes, and the state
 * holds the new dates. A failing sink stops the rotation before activation with the old secret still
 * working, and a re-run finishes it.
 */
import { access, chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appResource,
  integrationResource,
  manifestOf,
  packageResource,
  tenantResource,
} from '../../packages/engine/src/testing-fixtures.js';
import { useCliHarness } from './cli-harness.js';

const cli = useCliHarness('gf-cli-rotate-');
const ORIGIN = 'http://127.0.0.1:4010';
const ENV = 'CRM_SYNC_CLIENT_SECRET';
const ADDRESS = 'acme/crm-sync/api';

interface StateJson {
  resources: Record<string, { id: string; attributes: Record<string, unknown> }>;
  pending: Record<string, { step: string; phase?: string }>;
}

const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(join(cli.dir, name), 'utf8')) as T;
const state = () => readJson<StateJson>('.grantform/state.json');
const secrets = () => readJson<Record<string, string>>('.grantform/state.json.secrets.json');

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await cli.fetch(`${ORIGIN}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** A client-credentials token request with `secret`: the status and the OAuth error, if any. */
async function tokenWith(secret: string): Promise<{ status: number; error: string | null }> {
  const s = await state();
  const attributes = s.resources[ADDRESS]?.attributes ?? {};
  const auth = (attributes.endpoints as { auth: string }).auth;
  const res = await cli.fetch(`${auth}v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: s.resources[ADDRESS]?.id,
      client_secret: secret,
    }),
  });
  const body = (await res.json()) as { error?: string };
  return { status: res.status, error: body.error ?? null };
}

const manifest = () => manifestOf([tenantResource(), packageResource(), integrationResource()]);

/** An exec sink script: appends what it got on stdin to `received.log` (one JSON line), after `gate` exists. */
async function recordingSink(options: { gate?: boolean } = {}): Promise<string> {
  const script = join(cli.dir, 'record-sink.sh');
  const gate = options.gate === true ? `while [ ! -e "${join(cli.dir, 'go')}" ]; do sleep 0.05; done\n` : '';
  await writeFile(
    script,
    `#!/bin/sh\nset -e\nread -r name\nvalue=$(cat)\nprintf '%s\\n' "$value" > "${join(cli.dir, 'delivered')}"\n${gate}printf '{"name":"%s","value":"%s","argc":%s}\\n' "$name" "$value" "$#" >> "${join(cli.dir, 'received.log')}"\n`,
  );
  await chmod(script, 0o755);
  return script;
}

async function received(): Promise<{ name: string; value: string; argc: number }[]> {
  const text = await readFile(join(cli.dir, 'received.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { name: string; value: string; argc: number });
}

async function waitForFile(name: string): Promise<void> {
  for (;;) {
    try {
      await access(join(cli.dir, name));
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('secrets that expire: plan, rotate, verify', () => {
  it('160 days on, plan warns and --fail-on-expiring fails; rotate overlaps, activates, refuses the old one, delivers once', async () => {
    // GIVEN an applied server-to-server integration, and the emulator clock 160 days later
    await cli.writeManifest(manifest());
    const config = ['--config', 'grantform.manifest.json'];
    expect((await cli.run(['apply', ...config, '--auto-approve'])).code).toBe(0);
    const old = (await secrets())[ENV] ?? '';
    expect((await admin('POST', '/clock', { advanceSeconds: 160 * 86_400 })).status).toBe(200);

    // WHEN plan runs
    const plan = await cli.run(['plan', ...config, '--detailed-exitcode']);
    // THEN it warns about the secret expiring in 20 days, and --detailed-exitcode stays about changes
    expect(plan.out).toMatch(
      /^Warning: acme\/crm-sync\/api: clientSecret \(CRM_SYNC_CLIENT_SECRET\) expires in 20 days \(\d{4}-\d{2}-\d{2}\); rotate it before then \(grantform rotate acme\/crm-sync\/api\)$/m,
    );
    expect(plan.code).toBe(0);
    // AND --fail-on-expiring 30d exits 1 naming it, while 14d does not
    const failing = await cli.run(['plan', ...config, '--fail-on-expiring', '30d']);
    expect(failing.code).toBe(1);
    expect(failing.err).toMatch(
      /^Error: 1 secret expires within 30d or has expired \(--fail-on-expiring\): acme\/crm-sync\/api clientSecret \(CRM_SYNC_CLIENT_SECRET\) expires in 20 days/m,
    );
    expect((await cli.run(['plan', ...config, '--fail-on-expiring', '14d'])).code).toBe(0);
    // AND verify reports it as a passing check that says to rotate it
    const before = await cli.run(['verify', ...config]);
    expect(before.code).toBe(0);
    expect(before.out).toMatch(
      /^PASS\s+acme\/crm-sync\/api\s+secret-expiry clientSecret\s+CRM_SYNC_CLIENT_SECRET: 160 days old; expires in 20 days \(\d{4}-\d{2}-\d{2}\) \(rotate it: grantform rotate\)$/m,
    );
    // AND --expiry-warning 14d leaves the warning out
    expect((await cli.run(['plan', ...config, '--expiry-warning', '14d'])).out).not.toContain('Warning:');

    // WHEN rotate runs with a recording exec sink that holds on until the test says go
    const sink = await recordingSink({ gate: true });
    const rotating = cli.run(['rotate', ADDRESS, ...config, '--advance-emulator-clock', '--secrets-exec', `${sink}`]);
    await waitForFile('delivered');
    const fresh = (await readFile(join(cli.dir, 'delivered'), 'utf8')).trim();
    // THEN during the overlap (the sink is running; not yet activated) both secrets get tokens
    expect(fresh).not.toBe(old);
    expect(await tokenWith(old)).toEqual({ status: 200, error: null });
    expect(await tokenWith(fresh)).toEqual({ status: 200, error: null });
    await writeFile(join(cli.dir, 'go'), '');
    const rotated = await rotating;
    // (the plan's warning comes first, on stderr)
    expect(rotated.err).toMatch(
      /^Warning: acme\/crm-sync\/api: clientSecret \(CRM_SYNC_CLIENT_SECRET\) expires in 20 days/,
    );
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(
      'acme/crm-sync/api clientSecret: activated the new secret: the old one stops working now\n',
    );
    expect(rotated.out).toContain('Rotation complete! 1 secret rotated.\n');
    // AND after activation the old secret gets invalid_client and the new one a token
    expect(await tokenWith(old)).toEqual({ status: 401, error: 'invalid_client' });
    expect(await tokenWith(fresh)).toEqual({ status: 200, error: null });
    // AND the sink got the new value exactly once, on stdin (no arguments)
    expect(await received()).toEqual([{ name: ENV, value: fresh, argc: 0 }]);
    // AND the secrets file holds the new value, without the staged copy
    expect(await secrets()).toEqual({ [ENV]: fresh });
    // AND the state holds the new dates and nothing pending
    const after = await state();
    expect(after.pending).toEqual({});
    const statuses = (after.resources[ADDRESS]?.attributes.secretStatus ?? {}) as Record<string, { expiresAt: string }>;
    const status = statuses.clientSecret;
    const clock = (await admin('GET', '/clock')).body as { now: string };
    expect(Math.round((Date.parse(status?.expiresAt ?? '') - Date.parse(clock.now)) / 86_400_000)).toBe(180);
    // AND verify passes with the new secret, and has nothing to say about its expiry
    const verified = await cli.run(['verify', ...config]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^PASS\s+acme\/crm-sync\/api\s+scopes/m);
    expect(verified.out).not.toContain('secret-expiry');
    // AND the plan no longer warns
    expect((await cli.run(['plan', ...config])).out).not.toContain('Warning:');
  }, 60_000);

  it('a failing sink stops before activation with the old secret working; a re-run finishes the rotation', async () => {
    // GIVEN an applied integration
    await cli.writeManifest(manifest());
    const config = ['--config', 'grantform.manifest.json'];
    expect((await cli.run(['apply', ...config, '--auto-approve'])).code).toBe(0);
    const old = (await secrets())[ENV] ?? '';

    // WHEN rotate runs with a sink that fails
    const failed = await cli.run([
      'rotate',
      ADDRESS,
      ...config,
      '--advance-emulator-clock',
      '--secrets-exec',
      'cat >/dev/null; echo "vault: permission denied" >&2; exit 3',
    ]);
    // THEN it stops with the sink's failure, before activation
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(
      'secret sink `cat >/dev/null; echo "vault: permission denied" >&2; exit 3` exited 3 delivering CRM_SYNC_CLIENT_SECRET: vault: permission denied',
    );
    expect(failed.out).not.toContain('activated the new secret');
    // AND the old secret still works, and the secrets file still holds it
    expect(await tokenWith(old)).toEqual({ status: 200, error: null });
    expect((await secrets())[ENV]).toBe(old);
    // AND the state remembers the rotation in its deliver step, and the plan resumes it
    expect((await state()).pending[ADDRESS]).toMatchObject({ step: 'rotate', phase: 'deliver' });
    expect((await cli.run(['plan', ...config])).out).toContain(
      '# (a rotation of clientSecret (CRM_SYNC_CLIENT_SECRET) was interrupted (deliver step): it is resumed)',
    );

    // WHEN rotate runs again (no address: the plan's) with a working sink
    const sink = await recordingSink();
    const resumed = await cli.run(['rotate', ...config, '--advance-emulator-clock', '--secrets-exec', sink]);
    // THEN it finishes: the new value everywhere, the old one refused
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('resuming an interrupted rotation (deliver step)');
    const fresh = (await secrets())[ENV] ?? '';
    expect(fresh).not.toBe(old);
    expect(await received()).toEqual([{ name: ENV, value: fresh, argc: 0 }]);
    expect(await tokenWith(fresh)).toEqual({ status: 200, error: null });
    expect(await tokenWith(old)).toEqual({ status: 401, error: 'invalid_client' });
    expect((await state()).pending).toEqual({});
    expect((await cli.run(['verify', ...config])).code).toBe(0);
  }, 60_000);

  it('rotation.maxAgeDays: the plan has a rotate action (a change), and apply carries it out the staged way', async () => {
    // GIVEN an integration with a 150-day rotation policy, applied, and 151 days later
    await cli.writeManifest(
      manifestOf([
        tenantResource(),
        packageResource(),
        integrationResource(ADDRESS, { rotation: { maxAgeDays: 150 } }),
      ]),
    );
    const config = ['--config', 'grantform.manifest.json'];
    expect((await cli.run(['apply', ...config, '--auto-approve'])).code).toBe(0);
    const old = (await secrets())[ENV] ?? '';
    await admin('POST', '/clock', { advanceSeconds: 151 * 86_400 });

    // WHEN planned
    const plan = await cli.run(['plan', ...config, '--detailed-exitcode']);
    // THEN the rotation is a change, with its reason
    expect(plan.code).toBe(2);
    expect(plan.out).toContain(
      [
        '  # acme/crm-sync/api will have its clientSecret rotated (staged: the old one works until the new one is proven)',
        '  # (clientSecret (CRM_SYNC_CLIENT_SECRET) is 151 days old, past the rotation policy of 150 days (rotation.maxAgeDays))',
        '  ↻ rotate api-integration "acme/crm-sync/api" clientSecret → (secret in CRM_SYNC_CLIENT_SECRET)',
      ].join('\n'),
    );
    expect(plan.out).toContain('Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 secret to rotate.');

    // WHEN applied
    const applied = await cli.run(['apply', ...config, '--auto-approve', '--advance-emulator-clock']);
    // THEN the secret is rotated: the new one works, the old one is refused, and nothing is left to do
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Rotated: 1 secret.\n');
    const fresh = (await secrets())[ENV] ?? '';
    expect(fresh).not.toBe(old);
    expect(await tokenWith(fresh)).toEqual({ status: 200, error: null });
    expect(await tokenWith(old)).toEqual({ status: 401, error: 'invalid_client' });
    expect((await cli.run(['plan', ...config, '--detailed-exitcode'])).code).toBe(0);
  }, 60_000);

  it("state records the dates of the integration's client secret and of the package's JWT signing secret", async () => {
    // GIVEN a package with an API integration and a Marketing Cloud App
    await cli.writeManifest(manifestOf([tenantResource(), packageResource(), integrationResource(), appResource()]));
    const clock = async () => Date.parse(((await admin('GET', '/clock')).body as { now: string }).now);
    const before = await clock();
    // WHEN applied
    expect((await cli.run(['apply', '--config', 'grantform.manifest.json', '--auto-approve'])).code).toBe(0);
    const after = await clock();
    // THEN the state holds when each was generated (on the emulator clock, during the apply) and when it expires
    const s = await state();
    const api = s.resources[ADDRESS]?.attributes.secretStatus as Record<
      string,
      { generatedAt: string; expiresAt: string }
    >;
    const pkg = s.resources['acme/crm-sync']?.attributes.secretStatus as Record<string, unknown>;
    const generated = Date.parse(api.clientSecret?.generatedAt ?? '');
    expect(generated >= before && generated <= after).toBe(true);
    expect(Date.parse(api.clientSecret?.expiresAt ?? '') - Date.parse(api.clientSecret?.generatedAt ?? '')).toBe(
      180 * 86_400_000,
    );
    expect(pkg).toEqual({
      jwtSigningSecret: { generatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), expiresAt: null, staged: null },
    });
  });
});
