import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type ApiIntegrationSpec, parseManifest, serializeManifest, synth } from '@grantform/config';
import { synthTerraform } from '@grantform/config/cdktf';
import { describe, expect, it } from 'vitest';
import app from './grantform.config.js';

const BIN = resolve(import.meta.dirname, '../../packages/engine/bin/grantform.js');

describe('examples/basic', () => {
  const manifest = synth(app);
  const spec = (address: string) => manifest.resources.find((r) => r.address === address)?.spec;

  it('declares a tenant with two child business units', () => {
    expect(spec('acme')).toEqual({
      name: 'acme',
      subdomain: 'mc563885gzs27c5t9-63k636ttgm',
      stackKey: 'S7',
      enterpriseMid: 100,
      businessUnits: [
        { mid: 100, name: 'Acme Corp', parentMid: null },
        { mid: 101, name: 'Acme US', parentMid: 100 },
        { mid: 102, name: 'Acme EU', parentMid: 100 },
      ],
    });
  });

  it('has one package of each integration type and one Marketing Cloud App', () => {
    // THEN
    expect(manifest.resources.map((r) => `${r.kind} ${r.address}`)).toEqual([
      'tenant acme',
      'installed-package acme/cli',
      'api-integration acme/cli/api',
      'installed-package acme/crm-sync',
      'api-integration acme/crm-sync/api',
      'installed-package acme/dashboards',
      'marketing-cloud-app acme/dashboards/app',
      'installed-package acme/portal',
      'api-integration acme/portal/api',
    ]);
    expect(spec('acme/crm-sync/api')).toEqual({
      package: 'acme/crm-sync',
      type: 'server-to-server',
      scopes: [
        'data_extensions_read',
        'data_extensions_write',
        'email_send',
        'list_and_subscribers_read',
        'list_and_subscribers_write',
      ],
      redirectUris: [],
      businessUnits: [101, 102],
      clientSecret: { env: 'GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET' },
      pkce: 'optional',
    } satisfies ApiIntegrationSpec);
    expect(spec('acme/portal/api')).toMatchObject({
      type: 'web-app',
      redirectUris: ['https://127.0.0.1:8443/oauth/callback', 'https://portal.acme.example/oauth/callback'],
      clientSecret: { env: 'GRANTFORM_ACME_PORTAL_API_CLIENT_SECRET' },
      businessUnits: 'all',
    });
    expect(spec('acme/cli/api')).toMatchObject({ type: 'public-app', clientSecret: null, pkce: 'required' });
    expect(spec('acme/dashboards/app')).toMatchObject({
      jwtSigningSecret: { env: 'GRANTFORM_ACME_DASHBOARDS_APP_JWT_SIGNING_SECRET' },
      claimsVersion: 2,
    });
  });

  it('matches the committed manifest snapshot', async () => {
    await expect(serializeManifest(manifest)).toMatchFileSnapshot('./__snapshots__/manifest.json.snap');
  });

  it('matches the committed Terraform snapshot, with one null_resource per resource', async () => {
    // WHEN
    const tf = synthTerraform(manifest, { configPath: '../../../grantform.config.ts', statePath: '../../state.json' });
    // THEN
    const resources = (tf as { resource: { null_resource: Record<string, { depends_on?: string[] }> } }).resource
      .null_resource;
    expect(Object.keys(resources)).toHaveLength(manifest.resources.length);
    expect(resources.acme_dashboards_app?.depends_on).toEqual(['null_resource.acme_dashboards']);
    await expect(`${JSON.stringify(tf, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/main.tf.json.snap');
  });

  it('is produced by the documented command: grantform synth', async () => {
    // GIVEN
    const out = await mkdtemp(join(tmpdir(), 'grantform-example-'));
    try {
      // WHEN
      const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'synth', '--out', out], {
        cwd: import.meta.dirname,
      });
      // THEN
      expect(stdout).toContain('synthesized 9 resources');
      const written = await readFile(join(out, 'manifest.json'), 'utf8');
      expect(written).toBe(serializeManifest(manifest));
      expect(parseManifest(written)).toEqual(manifest);
      const tf = JSON.parse(await readFile(join(out, 'terraform/main.tf.json'), 'utf8'));
      expect(Object.keys(tf.resource.null_resource)).toHaveLength(9);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
