import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ManifestParseError } from './errors.js';
import { manifestJsonSchema } from './manifest-json-schema.js';
import { parseManifest } from './manifest-schema.js';
import { sampleApp } from './sample-app.case.js';
import { serializeManifest } from './serialize.js';
import { synth } from './synth.js';

function parseError(input: unknown): ManifestParseError {
  try {
    parseManifest(input);
  } catch (err) {
    if (err instanceof ManifestParseError) return err;
    throw err;
  }
  throw new Error('expected parseManifest to throw');
}

describe('parseManifest', () => {
  it('round-trips a synthesized manifest, from text or from a value', () => {
    // GIVEN
    const manifest = synth(sampleApp());
    const text = serializeManifest(manifest);
    // WHEN / THEN
    expect(parseManifest(text)).toEqual(manifest);
    expect(parseManifest(JSON.parse(text))).toEqual(manifest);
  });

  it('allows and ignores top-level x-* extension keys, and only those', () => {
    // GIVEN a synthesized manifest carrying an extension section for another tool
    const manifest = synth(sampleApp());
    const extended = { ...manifest, 'x-emulator': { installations: [] } };
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(manifestJsonSchema);
    // WHEN / THEN it parses to the manifest without the extension, and the JSON Schema agrees
    expect(parseManifest(extended)).toEqual(manifest);
    expect(validate(extended)).toBe(true);
    // AND any other unknown top-level key is still refused, by both
    const err = parseError({ ...manifest, extra: 1 });
    expect(err.issues).toEqual([{ path: '(root)', message: 'Unrecognized key: "extra"' }]);
    expect(validate({ ...manifest, extra: 1 })).toBe(false);
  });

  it('reports text that is not JSON', () => {
    const err = parseError('{ nope');
    expect(err.code).toBe('ERR_MANIFEST_INVALID');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.path).toBe('(root)');
    expect(err.issues[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('reports every shape problem with its JSON path', () => {
    // GIVEN a manifest with a wrong version, a mistyped scope and a missing field
    const manifest = JSON.parse(serializeManifest(synth(sampleApp())));
    manifest.apiVersion = 'grantform.dev/v0';
    manifest.resources[2].spec.scopes = ['emial_read'];
    delete manifest.resources[4].spec.description;
    // WHEN
    const err = parseError(manifest);
    // THEN
    expect(err.message).toBe('the manifest is not valid (3 problems)');
    expect(err.issues).toEqual([
      { path: 'apiVersion', message: 'Invalid input: expected "grantform.dev/v1"' },
      { path: 'resources[2].spec.scopes[0]', message: 'unknown scope "emial_read": did you mean \'email_read\'?' },
      { path: 'resources[4].spec.description', message: 'required: expected string' },
    ]);
  });

  it('checks references once the shape is valid', () => {
    // GIVEN
    const manifest = JSON.parse(serializeManifest(synth(sampleApp())));
    manifest.resources[5].dependsOn = ['acme/nope'];
    manifest.resources[7].spec.businessUnits = [999];
    manifest.resources[4].spec.tenant = 'globex';
    manifest.resources[3].address = 'acme/cli/api';
    // WHEN / THEN
    expect(parseError(manifest).issues).toEqual([
      { path: 'resources[3].address', message: "duplicate address 'acme/cli/api'" },
      {
        path: 'resources[4].spec.tenant',
        message: "'globex' is not the address of a tenant resource in this manifest",
      },
      { path: 'resources[5].dependsOn[0]', message: "unknown address 'acme/nope'" },
      { path: 'resources[7].spec.businessUnits[0]', message: "business unit 999 is not in the package's tenant" },
    ]);
  });
});
