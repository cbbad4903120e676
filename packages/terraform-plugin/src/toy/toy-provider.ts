/**
 * @module
 * A test-only provider built with the framework: `toy_thing` resources kept in a JSON file
 * (`provider "toy" { path = … }`), a `toy_things` data source and a `toy_token` ephemeral resource.
 * It exercises what a real provider needs: required/optional/computed attributes, a default, a set,
 * a map, a number that must round-trip exactly, a nested block, a write-only secret, validators,
 * `requiresReplace`, `useStateForUnknown`, import and drift.
 */
import { requiresReplace, useStateForUnknown } from '../plan-modifiers.js';
import { createProvider, importPassthrough, type Provider } from '../provider.js';
import { attr, block, type Schema, type StateValues } from '../schema.js';
import { types } from '../types.js';
import { between, matches, oneOf } from '../validators.js';
import { ToyStore, type ToyThingRecord } from './toy-store.js';

const thingSchema = {
  description: 'A thing kept in the toy store.',
  attributes: {
    id: attr.string({ computed: true, description: 'Assigned by the store.', planModifiers: [useStateForUnknown()] }),
    name: attr.string({
      required: true,
      description: 'Changing it replaces the thing.',
      validators: [matches(/^[a-z][a-z0-9-]*$/, 'must start with a lowercase letter and hold only a-z, 0-9 and -')],
      planModifiers: [requiresReplace()],
    }),
    size: attr.number({ optional: true, computed: true, default: 1, validators: [between(1, 100)] }),
    tags: attr.set(types.string, { optional: true }),
    labels: attr.map(types.string, { optional: true }),
    weight: attr.number({ optional: true }),
    secret: attr.string({
      optional: true,
      sensitive: true,
      writeOnly: true,
      description: 'Sent to the store, never kept in state.',
    }),
  },
  blocks: {
    rule: block.list({
      attributes: {
        port: attr.number({ required: true, validators: [between(1, 65535)] }),
        protocol: attr.string({ optional: true, validators: [oneOf(['tcp', 'udp'])] }),
      },
    }),
  },
} satisfies Schema;

type Thing = StateValues<typeof thingSchema>;

function toState(r: ToyThingRecord): Thing {
  return {
    id: r.id,
    name: r.name,
    size: r.size,
    tags: r.tags.length > 0 ? r.tags : null,
    labels: Object.keys(r.labels).length > 0 ? r.labels : null,
    weight: r.weight === null ? null : typeof r.weight === 'string' ? BigInt(r.weight) : r.weight,
    rule: r.rules.map((x) => ({ port: x.port, protocol: x.protocol })),
  };
}

function toRecord(v: Omit<Thing, 'id'> & { readonly secret: string | null }): Omit<ToyThingRecord, 'id'> {
  return {
    name: v.name,
    size: Number(v.size ?? 1),
    tags: v.tags ?? [],
    labels: v.labels ?? {},
    // JSON cannot hold a bigint: the store keeps big integers as strings.
    weight: v.weight === null ? null : typeof v.weight === 'bigint' ? v.weight.toString() : v.weight,
    rules: v.rule.map((x) => ({ port: Number(x.port), protocol: x.protocol })),
    secret: v.secret,
  };
}

/** The toy provider. */
export function toyProvider(): Provider<ToyStore> {
  const provider = createProvider({
    name: 'toy',
    schema: { attributes: { path: attr.string({ required: true, description: 'The JSON file holding the things.' }) } },
    configure: ({ config }) => new ToyStore(config.path),
  });
  provider.resource('toy_thing', {
    schema: thingSchema,
    validate: ({ config, diagnostics }) => {
      if (Array.isArray(config.tags) && config.tags.includes('forbidden')) {
        diagnostics.error('Invalid tag', 'the tag "forbidden" is not allowed', ['tags']);
      }
    },
    create: ({ client, config }) => toState(client.put(toRecord(config))),
    read: ({ client, state }) => {
      const found = state.id === null ? undefined : client.get(state.id);
      return found ? toState(found) : null;
    },
    update: ({ client, config, prior }) => toState(client.put({ ...toRecord(config), id: prior.id ?? undefined })),
    delete: ({ client, prior }) => {
      if (prior.id) client.remove(prior.id);
    },
    import: importPassthrough('id'),
  });
  provider.dataSource('toy_things', {
    schema: {
      attributes: {
        prefix: attr.string({ optional: true }),
        names: attr.list(types.string, { computed: true }),
        total: attr.number({ computed: true }),
      },
    },
    read: ({ client, config }) => {
      const names = Object.values(client.read().things)
        .map((t) => t.name)
        .filter((n) => n.startsWith(config.prefix ?? ''))
        .sort();
      return { prefix: config.prefix, names, total: names.length };
    },
  });
  provider.ephemeralResource('toy_token', {
    schema: {
      attributes: {
        name: attr.string({ required: true }),
        token: attr.string({ computed: true, sensitive: true }),
      },
    },
    open: ({ config }) => ({
      result: { name: config.name, token: `tok-${config.name}-s3cr3t` },
      private: { name: config.name },
    }),
    close: () => undefined,
  });
  return provider;
}
