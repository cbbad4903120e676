import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProvider } from './install.js';
import { findTerraform, zipEntries } from './terraform-fixture.js';
import { bundleToyProvider } from './toy/bundle.js';
import type { ToyStoreData } from './toy/toy-store.js';

// End to end with the real `terraform` binary: the toy provider bundled, installed into a temporary
// HOME's implied local mirror, and driven through init, validate, apply, plan, update, replace, drift,
// import, data source, ephemeral resource + write-only attribute, schema and destroy.

const terraform = findTerraform();
if (!terraform) console.warn('terraform.e2e.test.ts: skipped, `terraform` is not on PATH');

/** The ephemeral token the toy provider opens for `name = "alpha"`: it must never be stored. */
const SECRET = 'tok-alpha-s3cr3t';

interface Knobs {
  size?: number;
  tags?: string;
  bigName?: string;
  thingName?: string;
  extra?: string;
}

function mainTf(store: string, k: Knobs = {}): string {
  return `
terraform {
  required_providers {
    toy = { source = "grantform/toy", version = "0.1.0" }
  }
}

provider "toy" {
  path = ${JSON.stringify(store)}
}

ephemeral "toy_token" "t" {
  name = "alpha"
}

resource "toy_thing" "a" {
  name   = ${JSON.stringify(k.thingName ?? 'alpha')}
  size   = ${k.size ?? 2}
  tags   = ${k.tags ?? '["x", "y"]'}
  labels = { team = "core" }
  weight = 0.1
  secret = ephemeral.toy_token.t.token
  rule {
    port = 443
  }
}

resource "toy_thing" "big" {
  name   = ${JSON.stringify(k.bigName ?? 'big')}
  weight = 9007199254740993
}

data "toy_things" "all" {
  depends_on = [toy_thing.a, toy_thing.big]
}

output "names" {
  value = data.toy_things.all.names
}
${k.extra ?? ''}
`;
}

describe.skipIf(!terraform)('the toy provider under the real terraform', () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-e2e-'));
  const work = join(root, 'work');
  const store = join(root, 'store.json');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    TF_CLI_CONFIG_FILE: join(root, 'terraformrc'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const tf = (...args: string[]) => {
    const r = spawnSync(terraform!, [...args, '-no-color'], { cwd: work, env, encoding: 'utf8' });
    // Terraform wraps diagnostics at 78 columns: compare with whitespace runs folded to one space.
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    return { status: r.status, stdout: flat(r.stdout), stderr: flat(r.stderr), all: `${r.stdout}\n${r.stderr}` };
  };
  const write = (k: Knobs = {}) => writeFileSync(join(work, 'main.tf'), mainTf(store, k));
  const readStore = (): ToyStoreData => JSON.parse(readFileSync(store, 'utf8'));
  const stateText = () => readFileSync(join(work, 'terraform.tfstate'), 'utf8');

  beforeAll(async () => {
    mkdirSync(work);
    writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    await bundleToyProvider(join(root, 'toy.mjs'));
    await installProvider({
      namespace: 'grantform',
      type: 'toy',
      version: '0.1.0',
      entry: join(root, 'toy.mjs'),
      home: root,
    });
    write();
  }, 60_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('init finds the provider offline in the implied local mirror', () => {
    const r = tf('init');
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('- Installing grantform/toy v0.1.0...');
    expect(r.stdout).toContain('Terraform has been successfully initialized!');
  });

  it('validate fails with the provider validator message, and passes on a good config', () => {
    write({ thingName: 'Not Valid' });
    const bad = tf('validate');
    write();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Error: Invalid attribute value');
    expect(bad.stderr).toContain(
      'name: must start with a lowercase letter and hold only a-z, 0-9 and -; got "Not Valid"',
    );
    expect(bad.stderr).toContain('with toy_thing.a,');
    expect(tf('validate').status).toBe(0);
  });

  it('apply creates everything; the ephemeral token reaches the store through the write-only attribute', () => {
    const r = tf('apply', '-auto-approve');
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(Object.values(readStore().things).map((t) => [t.name, t.size, t.weight, t.secret])).toEqual([
      ['big', 1, '9007199254740993', null],
      ['alpha', 2, 0.1, SECRET],
    ]);
  });

  it('plan right after apply: no changes (exact numbers, sets, nested blocks round-trip)', () => {
    const r = tf('plan', '-detailed-exitcode');
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  it('reordering a set attribute is no change', () => {
    write({ tags: '["y", "x"]' });
    expect(tf('plan', '-detailed-exitcode').status).toBe(0);
  });

  it('an in-place update names the attribute (exit 2), is saved without the secret, and applies', () => {
    write({ size: 3 });
    const r = tf('plan', '-detailed-exitcode', '-out=tfplan');
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# toy_thing.a will be updated in-place');
    expect(r.stdout).toContain('~ update in-place');
    expect(r.stdout).toContain('~ size = 2 -> 3');
    expect(r.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    // The saved plan holds no trace of the write-only value, in any of its files.
    const planFile = readFileSync(join(work, 'tfplan'));
    const entries = zipEntries(planFile);
    expect([...entries.keys()].sort()).toContain('tfplan');
    for (const [name, data] of entries) expect(data.includes(SECRET), `${name} holds the secret`).toBe(false);
    expect(tf('show', '-json', 'tfplan').stdout.includes(SECRET)).toBe(false);
    const applied = tf('apply', 'tfplan');
    expect(applied.status, applied.all).toBe(0);
    expect(Object.values(readStore().things).find((t) => t.name === 'alpha')?.size).toBe(3);
  });

  it('changing a requiresReplace attribute shows "must be replaced"', () => {
    write({ size: 3, bigName: 'bigger' });
    const r = tf('plan', '-detailed-exitcode');
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# toy_thing.big must be replaced');
    expect(r.stdout).toContain('~ name = "big" -> "bigger" # forces replacement');
    expect(r.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    expect(tf('apply', '-auto-approve').status).toBe(0);
    expect(
      Object.values(readStore().things)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['alpha', 'bigger']);
  });

  it('drift: a thing deleted in the store is re-created, a changed one updated', () => {
    write({ size: 3, bigName: 'bigger' });
    const data = readStore();
    const alpha = Object.values(data.things).find((t) => t.name === 'alpha')!;
    writeFileSync(store, JSON.stringify({ ...data, things: { [alpha.id]: { ...alpha, size: 9 } } }));
    const r = tf('plan', '-detailed-exitcode');
    expect(r.status, r.all).toBe(2);
    expect(r.stdout).toContain('# toy_thing.big will be created');
    expect(r.stdout).toContain('~ size = 9 -> 3');
    expect(tf('apply', '-auto-approve').status).toBe(0);
    expect(tf('plan', '-detailed-exitcode').status).toBe(0);
  });

  it('terraform import and an import {} block adopt things made outside Terraform', () => {
    // GIVEN two things created directly in the store
    const data = readStore();
    const outside = {
      tags: [],
      labels: {},
      weight: null,
      rules: [],
      secret: null,
      size: 1,
    };
    writeFileSync(
      store,
      JSON.stringify({
        ...data,
        things: {
          ...data.things,
          'thing-90': { ...outside, id: 'thing-90', name: 'imported' },
          'thing-91': { ...outside, id: 'thing-91', name: 'blocked' },
        },
      }),
    );
    const extra = `
resource "toy_thing" "imp" {
  name = "imported"
}

import {
  to = toy_thing.blk
  id = "thing-91"
}

resource "toy_thing" "blk" {
  name = "blocked"
}
`;
    write({ size: 3, bigName: 'bigger', extra });
    // WHEN one is imported with the command
    const imported = tf('import', 'toy_thing.imp', 'thing-90');
    expect(imported.status, imported.all).toBe(0);
    expect(imported.stdout).toContain('Import successful!');
    // AND the other through the import block
    const planned = tf('plan', '-detailed-exitcode');
    expect(planned.status, planned.all).toBe(2);
    expect(planned.stdout).toContain('# toy_thing.blk will be imported');
    expect(planned.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    const applied = tf('apply', '-auto-approve');
    expect(applied.status, applied.all).toBe(0);
    expect(applied.stdout).toContain('Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.');
    // THEN both are managed and match their configuration
    expect(tf('plan', '-detailed-exitcode').status).toBe(0);
    expect(tf('state', 'show', 'toy_thing.imp').stdout).toContain('id = "thing-90"');
  });

  it('the data source reads the store', () => {
    const r = tf('output', '-json', 'names');
    expect(JSON.parse(r.stdout)).toEqual(['alpha', 'bigger', 'blocked', 'imported']);
  });

  it('the write-only secret is nowhere in the state, which records it as null', () => {
    const state = stateText();
    expect(state.includes(SECRET)).toBe(false);
    const a = JSON.parse(state).resources.find((r: { name: string }) => r.name === 'a');
    expect(a.instances[0].attributes.secret).toBe(null);
    expect(Object.values(readStore().things).find((t) => t.name === 'alpha')?.secret).toBe(SECRET);
  });

  it('providers schema -json answers', () => {
    const r = tf('providers', 'schema', '-json');
    expect(r.status, r.all).toBe(0);
    const toy = JSON.parse(r.stdout).provider_schemas['registry.terraform.io/grantform/toy'];
    expect(Object.keys(toy.resource_schemas)).toEqual(['toy_thing']);
    expect(Object.keys(toy.data_source_schemas)).toEqual(['toy_things']);
    expect(Object.keys(toy.ephemeral_resource_schemas)).toEqual(['toy_token']);
    expect(toy.resource_schemas.toy_thing.block.attributes.secret).toEqual({
      type: 'string',
      description: 'Sent to the store, never kept in state.',
      description_kind: 'plain',
      optional: true,
      sensitive: true,
      write_only: true,
    });
  });

  it('destroy removes everything', () => {
    const r = tf('destroy', '-auto-approve');
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
    expect(readStore().things).toEqual({});
  });
});

if (!terraform) {
  describe('the toy provider under the real terraform', () => {
    it.skip('skipped: `terraform` is not on PATH', () => undefined);
  });
}
