import { describe, expect, it } from 'vitest';
import { error, warning } from './diagnostics.js';
import { attr, block, type Schema } from './schema.js';
import { types } from './types.js';
import { label, validateConfig } from './validate.js';
import { unknown } from './wire/unknown.js';

const schema = {
  attributes: {
    old: attr.string({ optional: true, deprecated: 'use "new" instead' }),
    ports: attr.list(types.number, {
      optional: true,
      validators: [(ports) => ports.filter((p) => p > 1000).map((p, i) => warning('High port', `${p}`, ['ports', i]))],
    }),
    hosts: attr.nested(
      'map',
      { attributes: { ip: attr.string({ required: true, validators: [() => 'not an IP'] }) } },
      { optional: true },
    ),
  },
  blocks: {
    rule: block.set({
      attributes: {
        port: attr.number({ required: true, validators: [(p) => (p < 1 ? error('Bad port', `${p}`) : undefined)] }),
      },
    }),
  },
} satisfies Schema;

describe('validateConfig', () => {
  it('warns on a deprecated attribute that is set, and walks nested attributes and blocks with paths', () => {
    expect(
      validateConfig(schema, { old: 'x', ports: [80, 8080], hosts: { web: { ip: 'a' } }, rule: [{ port: 0 }] }),
    ).toEqual([
      warning('Deprecated attribute', '"old" is deprecated: use "new" instead', ['old']),
      warning('High port', '8080', ['ports', 0]),
      error('Invalid attribute value', 'hosts["web"].ip: not an IP', ['hosts', { key: 'web' }, 'ip']),
      // set elements have no stable index: the diagnostic points at the set
      error('Bad port', '0', ['rule']),
    ]);
  });

  it('skips null and unknown values, and collections that are not wholly known', () => {
    expect(validateConfig(schema, { old: null, ports: [unknown, 8080], hosts: unknown, rule: unknown })).toEqual([]);
  });

  it('labels paths the way Terraform users read them', () => {
    expect(label(['rule', 0, 'port'])).toBe('rule[0].port');
    expect(label(['hosts', { key: 'web' }, 'ip'])).toBe('hosts["web"].ip');
  });
});
