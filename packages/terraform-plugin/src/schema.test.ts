import { describe, expect, expectTypeOf, it } from 'vitest';
import { requiresReplace } from './plan-modifiers.js';
import { createProvider } from './provider.js';
import {
  attr,
  block,
  checkSchema,
  impliedType,
  protoSchema,
  type Schema,
  type StateValues,
  type Values,
} from './schema.js';
import { types } from './types.js';
import type { DynamicValue } from './wire/value.js';

const schema = {
  version: 2,
  attributes: {
    id: attr.string({ computed: true }),
    name: attr.string({ required: true, description: 'The name.', planModifiers: [requiresReplace()] }),
    tags: attr.set(types.string, { optional: true }),
    limits: attr.map(types.number, { optional: true }),
    endpoint: attr.object({ host: types.string, port: types.number }, { optional: true }),
    extra: attr.of(types.dynamic, { optional: true }),
    secret: attr.string({ optional: true, sensitive: true, writeOnly: true }),
    old: attr.bool({ optional: true, deprecated: 'use name' }),
    members: attr.nested('list', { attributes: { user: attr.string({ required: true }) } }, { optional: true }),
  },
  blocks: {
    rule: block.list({ attributes: { port: attr.number({ required: true }) } }, { maxItems: 3 }),
    timeouts: block.single({ attributes: { create: attr.string({ optional: true }) } }),
  },
} satisfies Schema;

describe('schema types', () => {
  it('infers the values of a schema: required never null, write-only left out of state', () => {
    type V = Values<typeof schema>;
    expectTypeOf<V['name']>().toEqualTypeOf<string>();
    expectTypeOf<V['id']>().toEqualTypeOf<string | null>();
    expectTypeOf<V['tags']>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf<V['limits']>().toEqualTypeOf<{ readonly [key: string]: number | bigint } | null>();
    expectTypeOf<V['endpoint']>().toEqualTypeOf<{
      readonly host: string | null;
      readonly port: number | bigint | null;
    } | null>();
    expectTypeOf<V['extra']>().toEqualTypeOf<DynamicValue | null>();
    expectTypeOf<V['rule']>().toEqualTypeOf<readonly { readonly port: number | bigint }[]>();
    expectTypeOf<V['timeouts']>().toEqualTypeOf<{ readonly create: string | null } | null>();
    expectTypeOf<V['members']>().toEqualTypeOf<readonly { readonly user: string }[] | null>();
    expectTypeOf<keyof StateValues<typeof schema>>().toEqualTypeOf<Exclude<keyof V, 'secret'>>();
  });
});

describe('impliedType', () => {
  it('is the cty object of attributes and nested blocks', () => {
    expect(impliedType(schema)).toEqual([
      'object',
      {
        id: 'string',
        name: 'string',
        tags: ['set', 'string'],
        limits: ['map', 'number'],
        endpoint: ['object', { host: 'string', port: 'number' }],
        extra: 'dynamic',
        secret: 'string',
        old: 'bool',
        members: ['list', ['object', { user: 'string' }]],
        rule: ['list', ['object', { port: 'number' }]],
        timeouts: ['object', { create: 'string' }],
      },
    ]);
  });
});

describe('protoSchema', () => {
  it('writes types as compact JSON, flags, nested attributes and blocks', () => {
    const proto = protoSchema(schema);
    expect(proto.version).toBe(2);
    const byName = Object.fromEntries(proto.block.attributes.map((a) => [a.name, a]));
    expect({ ...byName.name, type: byName.name?.type.toString() }).toEqual({
      name: 'name',
      type: '"string"',
      nested_type: null,
      description: 'The name.',
      required: true,
      optional: false,
      computed: false,
      sensitive: false,
      description_kind: 'PLAIN',
      deprecated: false,
      write_only: false,
    });
    expect(byName.secret?.write_only).toBe(true);
    expect(byName.secret?.sensitive).toBe(true);
    expect(byName.old?.deprecated).toBe(true);
    expect(byName.tags?.type.toString()).toBe('["set","string"]');
    expect(byName.members?.type.length).toBe(0);
    expect(byName.members?.nested_type?.nesting).toBe('LIST');
    expect(proto.block.block_types.map((b) => [b.type_name, b.nesting, b.max_items])).toEqual([
      ['rule', 'LIST', 3],
      ['timeouts', 'SINGLE', 0],
    ]);
  });
});

describe('checkSchema', () => {
  it('lists every problem with its path', () => {
    expect(() =>
      checkSchema(
        {
          attributes: {
            Bad: attr.string({ optional: true }),
            count: attr.number({ optional: true }),
            both: attr.string({ required: true, computed: true }),
            none: attr.string({}),
            wo: attr.string({ computed: true, writeOnly: true }),
            dflt: attr.number({ optional: true, default: 1 }),
          },
          blocks: { inner: block.list({ attributes: { c: attr.string({ computed: true }) } }) },
        },
        'toy_x',
        true,
      ),
    ).toThrow(
      [
        'invalid schema:',
        '- toy_x.Bad: names are lowercase letters, digits and _',
        '- toy_x.count: "count" is reserved by Terraform',
        '- toy_x.both: required excludes optional and computed',
        '- toy_x.none: set one of required, optional, computed',
        '- toy_x.wo: a write-only attribute cannot be computed',
        '- toy_x.dflt: a default needs optional: true and computed: true',
        '- toy_x.inner.c: computed nested attributes are not supported',
      ].join('\n'),
    );
  });

  it('is run when a provider registers a type, with the type name checked too', () => {
    const p = createProvider({ name: 'toy' });
    expect(() =>
      p.resource('other_thing', {
        schema: { attributes: {} },
        create: () => ({}),
        read: () => null,
        delete: () => undefined,
      }),
    ).toThrow('resource "other_thing": type names are lowercase and start with "toy_"');
  });
});
