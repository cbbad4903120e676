import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Diagnostics, type Values } from '@grantform/terraform-plugin';
import { afterAll, describe, expect, it } from 'vitest';
import { configureProvider, type providerSchema } from './provider-config.js';
import { installedPackageResource } from './resources/installed-package.js';

const dir = mkdtempSync(join(tmpdir(), 'gf-provider-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capabilities = { writeOnlyAttributesAllowed: true, deferralAllowed: false };
const blank: Values<typeof providerSchema> = {
  target: null,
  endpoint: null,
  admin_token_env: null,
  secrets_file: null,
  secrets_env_file: null,
};

function configure(config: Partial<typeof blank>, env: Record<string, string> = {}) {
  const diagnostics = new Diagnostics();
  const client = configureProvider(
    { config: { ...blank, ...config }, terraformVersion: '1.11.4', capabilities, diagnostics },
    { env, cwd: dir },
  );
  return { client, diagnostics };
}

describe('provider "grantform"', () => {
  it('defaults to the emulator at GRANTFORM_ENDPOINT, secrets in .grantform/terraform.secrets.json', () => {
    // GIVEN an empty provider block WHEN configured with GRANTFORM_ENDPOINT set
    const { client, diagnostics } = configure({}, { GRANTFORM_ENDPOINT: 'http://127.0.0.1:4999/' });
    // THEN
    expect(diagnostics.items).toEqual([]);
    expect({ target: client.target, endpoint: client.endpoint, sink: client.sink.location }).toEqual({
      target: 'emulator',
      endpoint: 'http://127.0.0.1:4999',
      sink: join(dir, '.grantform/terraform.secrets.json'),
    });
    expect(client.admin).not.toBeNull();
  });

  it('refuses two secrets sinks at once, at secrets_env_file', () => {
    const { diagnostics } = configure({ secrets_file: 'a.json', secrets_env_file: '.env' });
    expect(diagnostics.items).toEqual([
      {
        severity: 'error',
        summary: 'Conflicting secrets sinks',
        detail: 'set secrets_file or secrets_env_file, not both: secrets go to one place',
        path: ['secrets_env_file'],
      },
    ]);
  });

  it('the sfmc target is read-only: creating a resource fails with the engine reason, and nothing is sent', async () => {
    // GIVEN the sfmc target (a real tenant) and a fetch that records every call
    const calls: string[] = [];
    const diagnostics = new Diagnostics();
    const client = configureProvider(
      { config: { ...blank, target: 'sfmc' }, terraformVersion: '1.11.4', capabilities, diagnostics },
      {
        env: {},
        cwd: dir,
        fetch: async (input) => {
          calls.push(String(input));
          return new Response('{}');
        },
      },
    );
    expect(client.admin).toBeNull();
    const values = {
      id: null,
      tenant_id: 'mc563885gzs27c5t9-63k636ttgm',
      name: 'crm-sync',
      description: '',
      legacy: false,
      source_mid: null,
      jwt_signing_secret_generated_at: null,
      jwt_signing_secret_expires_at: null,
    };
    // WHEN Terraform asks to create a package
    const creating = installedPackageResource.create({
      client,
      config: values,
      planned: values,
      diagnostics,
      signal: new AbortController().signal,
    });
    // THEN it is refused with ERR_TARGET_READ_ONLY, before any request
    await expect(creating).rejects.toMatchObject({ code: 'ERR_TARGET_READ_ONLY' });
    await expect(creating).rejects.toThrow(/^the sfmc target is read-only/);
    expect(calls).toEqual([]);
  });
});
