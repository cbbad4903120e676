import { describe, expect, it } from 'vitest';
import { planResource } from './plan.js';
import { requiresReplace, requiresReplaceIf, useStateForUnknown } from './plan-modifiers.js';
import { attr, impliedType, type Schema } from './schema.js';
import { types } from './types.js';
import { unknown } from './wire/unknown.js';

const schema = {
  attributes: {
    id: attr.string({ computed: true, planModifiers: [useStateForUnknown()] }),
    updated_at: attr.string({ computed: true }),
    name: attr.string({ required: true, planModifiers: [requiresReplace()] }),
    scopes: attr.set(types.string, { optional: true, planModifiers: [requiresReplace()] }),
    size: attr.number({ optional: true, computed: true, default: 1 }),
    disk: attr.number({ optional: true, planModifiers: [requiresReplaceIf((prior, planned) => planned < prior)] }),
    password: attr.string({ optional: true, writeOnly: true }),
  },
} satisfies Schema;
const type = impliedType(schema);

const config = (over: Record<string, unknown> = {}) => ({
  id: null,
  updated_at: null,
  name: 'a',
  scopes: ['x', 'y'],
  size: null,
  disk: 10,
  password: 's3cr3t',
  ...over,
});
const state = { id: 'id-1', updated_at: 't1', name: 'a', scopes: ['x', 'y'], size: 1, disk: 10, password: null };
// Terraform's proposed new state: config, with computed attributes taken from prior state when the config leaves them null
// (and write-only attributes null).
const proposed = (c: Record<string, unknown>, prior: Record<string, unknown> | null) =>
  Object.fromEntries(
    Object.entries(c).map(([k, v]) => [
      k,
      k === 'password' ? null : v === null && prior && k !== 'disk' ? prior[k] : v,
    ]),
  );

const plan = (c: Record<string, unknown>, prior: Record<string, unknown> | null) =>
  planResource({ schema, type, prior: prior as never, proposed: proposed(c, prior) as never, config: c as never });

describe('planResource', () => {
  it('create: computed attributes unknown, defaults applied, write-only null, nothing to replace', () => {
    expect(plan(config(), null)).toEqual({
      planned: { id: unknown, updated_at: unknown, name: 'a', scopes: ['x', 'y'], size: 1, disk: 10, password: null },
      requiresReplace: [],
      diagnostics: [],
    });
  });

  it('no change: the prior state is planned as is (no unknowns)', () => {
    expect(plan(config(), state).planned).toEqual(state);
  });

  it('reordering a set is no change (and does not force replacement)', () => {
    expect(plan(config({ scopes: ['y', 'x'] }), state)).toEqual({
      planned: { ...state, scopes: ['y', 'x'] },
      requiresReplace: [],
      diagnostics: [],
    });
  });

  it('an in-place change: computed attributes become unknown, except those using state for unknown', () => {
    expect(plan(config({ size: 3 }), state)).toEqual({
      planned: { ...state, size: 3, updated_at: unknown },
      requiresReplace: [],
      diagnostics: [],
    });
  });

  it('changing a requiresReplace attribute forces replacement; so does a real change of a set', () => {
    expect(plan(config({ name: 'b' }), state).requiresReplace).toEqual([['name']]);
    expect(plan(config({ scopes: ['x', 'z'] }), state).requiresReplace).toEqual([['scopes']]);
  });

  it('requiresReplaceIf replaces only when its condition holds', () => {
    expect(plan(config({ disk: 20 }), state).requiresReplace).toEqual([]);
    expect(plan(config({ disk: 5 }), state).requiresReplace).toEqual([['disk']]);
  });

  it('an attribute whose configuration is unknown stays unknown, and forces replacement when marked so', () => {
    expect(plan(config({ name: unknown }), state)).toEqual({
      planned: { ...state, name: unknown, updated_at: unknown },
      requiresReplace: [['name']],
      diagnostics: [],
    });
  });
});
