import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProvider } from '../provider.js';
import { attr } from '../schema.js';
import { type ServedProvider, serveForTest } from '../testing-fixtures.js';
import { toyProvider } from '../toy/toy-provider.js';
import type { CtyType } from '../wire/cty-type.js';
import { decodeMsgpack, encodeMsgpack } from '../wire/msgpack.js';
import { Unknown, unknown } from '../wire/unknown.js';
import type { TfValue } from '../wire/value.js';

// Every RPC through a real gRPC client over mutual TLS, against the toy provider served in-process.

const provider = toyProvider();
const thingType = provider.resources.get('toy_thing')!.type;
const typeOf = (m: ReadonlyMap<string, { type: CtyType }>, name: string) => m.get(name)!.type;
const dv = (value: TfValue, type: CtyType = thingType) => ({ msgpack: encodeMsgpack(value, type) });
const value = (d: unknown, type: CtyType = thingType) => decodeMsgpack((d as { msgpack: Buffer }).msgpack, type);

const config = (over: Record<string, TfValue> = {}): Record<string, TfValue> => ({
  id: null,
  name: 'alpha',
  size: null,
  tags: ['x', 'y'],
  labels: null,
  weight: null,
  secret: 's3cr3t',
  rule: [{ port: 443, protocol: null }],
  ...over,
});
// What Terraform proposes: the config with computed attributes from prior state, write-only ones null.
const proposedFrom = (c: Record<string, TfValue>, prior: Record<string, TfValue> | null) => ({
  ...c,
  id: prior?.id ?? null,
  size: c.size ?? prior?.size ?? null,
  secret: null,
});

let s: ServedProvider;
beforeEach(async () => {
  s = await serveForTest(provider);
  const configured = await s.call('ConfigureProvider', {
    terraform_version: '1.11.4',
    config: dv({ path: s.storePath }, provider.type),
    client_capabilities: { write_only_attributes_allowed: true },
  });
  expect(configured.diagnostics).toEqual([]);
});
afterEach(async () => {
  await s.close();
});

const diagnostic = (summary: string, detail: string, steps: object[] | null = null) => ({
  severity: 'ERROR',
  summary,
  detail,
  attribute: steps ? { steps } : null,
});

async function create(c = config()) {
  const planned = await s.call('PlanResourceChange', {
    type_name: 'toy_thing',
    prior_state: dv(null),
    proposed_new_state: dv(proposedFrom(c, null)),
    config: dv(c),
  });
  const applied = await s.call('ApplyResourceChange', {
    type_name: 'toy_thing',
    prior_state: dv(null),
    planned_state: planned.planned_state as object,
    config: dv(c),
  });
  return { planned, applied, state: value(applied.new_state) as Record<string, TfValue> };
}

describe('schema RPCs', () => {
  it('GetMetadata lists the types', async () => {
    expect(await s.call('GetMetadata')).toEqual({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
      diagnostics: [],
      resources: [{ type_name: 'toy_thing' }],
      data_sources: [{ type_name: 'toy_things' }],
      ephemeral_resources: [{ type_name: 'toy_token' }],
    });
  });

  it('GetProviderSchema describes provider, resources, data sources and ephemeral resources', async () => {
    const schema = await s.call('GetProviderSchema');
    const thing = (
      schema.resource_schemas as Record<
        string,
        { block: { attributes: { name: string; write_only: boolean; type: Buffer }[] } }
      >
    ).toy_thing!;
    expect(thing.block.attributes.map((a) => [a.name, a.type.toString(), a.write_only])).toEqual([
      ['id', '"string"', false],
      ['name', '"string"', false],
      ['size', '"number"', false],
      ['tags', '["set","string"]', false],
      ['labels', '["map","string"]', false],
      ['weight', '"number"', false],
      ['secret', '"string"', true],
    ]);
    expect(Object.keys(schema.data_source_schemas as object)).toEqual(['toy_things']);
    expect(Object.keys(schema.ephemeral_resource_schemas as object)).toEqual(['toy_token']);
  });
});

describe('validation RPCs', () => {
  it('ValidateResourceConfig returns every validator message with its attribute path', async () => {
    const res = await s.call('ValidateResourceConfig', {
      type_name: 'toy_thing',
      config: dv(
        config({
          name: 'Bad Name',
          size: 500,
          tags: ['forbidden'],
          rule: [
            { port: 80, protocol: null },
            { port: 70000, protocol: 'icmp' },
          ],
        }),
      ),
    });
    expect(res.diagnostics).toEqual([
      diagnostic(
        'Invalid attribute value',
        'name: must start with a lowercase letter and hold only a-z, 0-9 and -; got "Bad Name"',
        [{ attribute_name: 'name', selector: 'attribute_name' }],
      ),
      diagnostic('Invalid attribute value', 'size: must be between 1 and 100; got 500', [
        { attribute_name: 'size', selector: 'attribute_name' },
      ]),
      diagnostic('Invalid attribute value', 'rule[1].port: must be between 1 and 65535; got 70000', [
        { attribute_name: 'rule', selector: 'attribute_name' },
        { element_key_int: 1, selector: 'element_key_int' },
        { attribute_name: 'port', selector: 'attribute_name' },
      ]),
      diagnostic('Invalid attribute value', 'rule[1].protocol: must be one of "tcp", "udp"; got "icmp"', [
        { attribute_name: 'rule', selector: 'attribute_name' },
        { element_key_int: 1, selector: 'element_key_int' },
        { attribute_name: 'protocol', selector: 'attribute_name' },
      ]),
      diagnostic('Invalid tag', 'the tag "forbidden" is not allowed', [
        { attribute_name: 'tags', selector: 'attribute_name' },
      ]),
    ]);
  });

  it('skips validators on unknown values (they are validated again at apply)', async () => {
    const res = await s.call('ValidateResourceConfig', {
      type_name: 'toy_thing',
      config: dv(config({ name: unknown })),
    });
    expect(res.diagnostics).toEqual([]);
  });

  it('ValidateProviderConfig, ValidateDataResourceConfig, ValidateEphemeralResourceConfig accept good configs and name unknown types', async () => {
    expect((await s.call('ValidateProviderConfig', { config: dv({ path: '/x' }, provider.type) })).diagnostics).toEqual(
      [],
    );
    const things = typeOf(provider.dataSources, 'toy_things');
    expect(
      (await s.call('ValidateDataResourceConfig', { type_name: 'toy_things', config: dv({ prefix: 'a' }, things) }))
        .diagnostics,
    ).toEqual([]);
    const token = typeOf(provider.ephemeralResources, 'toy_token');
    expect(
      (await s.call('ValidateEphemeralResourceConfig', { type_name: 'toy_token', config: dv({ name: 'n' }, token) }))
        .diagnostics,
    ).toEqual([]);
    expect(
      (await s.call('ValidateDataResourceConfig', { type_name: 'toy_nope', config: dv(null) })).diagnostics,
    ).toEqual([diagnostic('Unknown data source', 'this provider has no data source "toy_nope"')]);
  });
});

describe('resource lifecycle RPCs', () => {
  it('PlanResourceChange on create: computed unknown, default size, write-only null', async () => {
    const { planned } = await create();
    expect(value(planned.planned_state)).toEqual({ ...config(), id: unknown, size: 1, secret: null });
    expect(planned.requires_replace).toEqual([]);
    expect(planned.diagnostics).toEqual([]);
  });

  it('ApplyResourceChange creates; the secret reaches the remote system but not the state', async () => {
    const { state, applied } = await create();
    expect(applied.diagnostics).toEqual([]);
    expect(state).toEqual({ ...config(), id: 'thing-1', size: 1, secret: null });
    expect(JSON.parse(readFileSync(s.storePath, 'utf8')).things['thing-1'].secret).toBe('s3cr3t');
  });

  it('ReadResource reports drift, and null when the object is gone', async () => {
    const { state } = await create();
    // GIVEN the remote object changed behind Terraform's back
    const store = JSON.parse(readFileSync(s.storePath, 'utf8'));
    store.things['thing-1'].size = 7;
    writeFileSync(s.storePath, JSON.stringify(store));
    const read = await s.call('ReadResource', { type_name: 'toy_thing', current_state: dv(state) });
    expect(value(read.new_state)).toEqual({ ...state, size: 7 });
    // GIVEN it was deleted
    writeFileSync(s.storePath, JSON.stringify({ nextId: 2, things: {} }));
    const gone = await s.call('ReadResource', { type_name: 'toy_thing', current_state: dv(state) });
    expect(value(gone.new_state)).toBe(null);
  });

  it('PlanResourceChange on update: set reordering is no change; a name change requires replacement', async () => {
    const { state } = await create();
    const plan = (c: Record<string, TfValue>) =>
      s.call('PlanResourceChange', {
        type_name: 'toy_thing',
        prior_state: dv(state),
        proposed_new_state: dv(proposedFrom(c, state)),
        config: dv(c),
      });
    const reordered = await plan(config({ tags: ['y', 'x'] }));
    expect(value(reordered.planned_state)).toEqual({ ...state, tags: ['y', 'x'] });
    expect(reordered.requires_replace).toEqual([]);
    const renamed = await plan(config({ name: 'beta' }));
    expect(renamed.requires_replace).toEqual([{ steps: [{ attribute_name: 'name', selector: 'attribute_name' }] }]);
  });

  it('ApplyResourceChange updates in place, and deletes (planned state null)', async () => {
    const { state } = await create();
    const c = config({ size: 5 });
    const updated = await s.call('ApplyResourceChange', {
      type_name: 'toy_thing',
      prior_state: dv(state),
      planned_state: dv({ ...state, size: 5 }),
      config: dv(c),
    });
    expect(value(updated.new_state)).toEqual({ ...state, size: 5 });
    const deleted = await s.call('ApplyResourceChange', {
      type_name: 'toy_thing',
      prior_state: dv({ ...state, size: 5 }),
      planned_state: dv(null),
      config: dv(null),
    });
    expect((deleted.new_state as { msgpack: Buffer }).msgpack.toString('hex')).toBe('c0');
    expect(JSON.parse(readFileSync(s.storePath, 'utf8')).things).toEqual({});
  });

  it('ImportResourceState hands back the id for ReadResource to fill in', async () => {
    const res = await s.call('ImportResourceState', { type_name: 'toy_thing', id: 'thing-9' });
    const [imported] = res.imported_resources as { type_name: string; state: unknown }[];
    expect(imported?.type_name).toBe('toy_thing');
    expect(value(imported?.state)).toEqual({
      id: 'thing-9',
      name: null,
      size: null,
      tags: null,
      labels: null,
      weight: null,
      secret: null,
      rule: null,
    });
  });

  it('UpgradeResourceState returns state of the current version as the raw JSON, byte for byte', async () => {
    const json = Buffer.from('{"id":"thing-1","weight":123456789012345678901234567890}');
    const res = await s.call('UpgradeResourceState', { type_name: 'toy_thing', version: 0, raw_state: { json } });
    expect((res.upgraded_state as { json: Buffer }).json).toEqual(json);
    const newer = await s.call('UpgradeResourceState', { type_name: 'toy_thing', version: 3, raw_state: { json } });
    expect(newer.diagnostics).toEqual([
      diagnostic(
        'State from a newer provider',
        'toy_thing: state has schema version 3, this provider knows 0; use the newer provider',
      ),
    ]);
  });

  it('an exception in provider code becomes an error diagnostic, and no state', async () => {
    // GIVEN a store path inside a directory that does not exist
    await s.call('ConfigureProvider', {
      terraform_version: '1.11.4',
      config: dv({ path: '/nonexistent/dir/store.json' }, provider.type),
    });
    const c = config();
    const res = await s.call('ApplyResourceChange', {
      type_name: 'toy_thing',
      prior_state: dv(null),
      planned_state: dv({ ...proposedFrom(c, null), id: unknown, size: 1 }),
      config: dv(c),
    });
    expect(res.diagnostics).toEqual([
      diagnostic(
        'toy_thing: create failed',
        "ENOENT: ENOENT: no such file or directory, open '/nonexistent/dir/store.json.tmp'",
      ),
    ]);
    expect((res.new_state as { msgpack: Buffer }).msgpack.toString('hex')).toBe('c0');
  });
});

describe('data source and ephemeral RPCs', () => {
  it('ReadDataSource fills in computed attributes', async () => {
    await create();
    await create(config({ name: 'beta' }));
    const type = typeOf(provider.dataSources, 'toy_things');
    const res = await s.call('ReadDataSource', {
      type_name: 'toy_things',
      config: dv({ prefix: null, names: null, total: null }, type),
    });
    expect(value(res.state, type)).toEqual({ prefix: null, names: ['alpha', 'beta'], total: 2 });
  });

  it('OpenEphemeralResource, RenewEphemeralResource, CloseEphemeralResource', async () => {
    const type = typeOf(provider.ephemeralResources, 'toy_token');
    const opened = await s.call('OpenEphemeralResource', {
      type_name: 'toy_token',
      config: dv({ name: 'n', token: null }, type),
    });
    expect(value(opened.result, type)).toEqual({ name: 'n', token: 'tok-n-s3cr3t' });
    expect((opened.private as Buffer).toString()).toBe('{"name":"n"}');
    expect(
      (await s.call('RenewEphemeralResource', { type_name: 'toy_token', private: opened.private as Buffer }))
        .diagnostics,
    ).toEqual([]);
    expect(
      (await s.call('CloseEphemeralResource', { type_name: 'toy_token', private: opened.private as Buffer }))
        .diagnostics,
    ).toEqual([]);
  });

  it('StopProvider answers with no error', async () => {
    expect(await s.call('StopProvider')).toEqual({ Error: '' });
  });
});

describe('unknown values on the wire', () => {
  it('a refined unknown from Terraform (extension 12) is planned back as Terraform sent it', async () => {
    const refined = new Unknown(12, Buffer.from('81a2', 'hex'));
    const c = config({ name: refined as TfValue });
    const res = await s.call('PlanResourceChange', {
      type_name: 'toy_thing',
      prior_state: dv(null),
      proposed_new_state: dv(proposedFrom(c, null)),
      config: dv(c),
    });
    const planned = value(res.planned_state) as Record<string, TfValue>;
    expect(planned.name).toEqual(refined);
  });
});

describe('StopProvider during an apply', () => {
  it('aborts the signal the running create got; what it throws comes back as a diagnostic', async () => {
    // GIVEN a provider whose create waits until it is told to stop (and says when it is running)
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = createProvider({ name: 'slow' }).resource('slow_thing', {
      schema: { attributes: { id: attr.string({ computed: true }) } },
      create: ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('stopped by Terraform')));
          started();
        }),
      read: () => null,
      delete: () => undefined,
    });
    const served = await serveForTest(slow);
    const type = slow.resources.get('slow_thing')!.type;
    try {
      // WHEN an apply is running and Terraform sends StopProvider
      const apply = served.call('ApplyResourceChange', {
        type_name: 'slow_thing',
        prior_state: dv(null, type),
        planned_state: dv({ id: unknown }, type),
        config: dv({ id: null }, type),
      });
      await running;
      expect(await served.call('StopProvider')).toEqual({ Error: '' });
      // THEN the create ends with an error diagnostic and no state
      const res = await apply;
      expect(res.diagnostics).toEqual([diagnostic('slow_thing: create failed', 'stopped by Terraform')]);
      expect((res.new_state as { msgpack: Buffer }).msgpack.toString('hex')).toBe('c0');
    } finally {
      await served.close();
    }
  });
});
