import { decode, ExtData, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import type { CtyType } from './cty-type.js';
import { valuesEqual } from './equal.js';
import { decodeDynamic, decodeJson, decodeMsgpack, encodeJson, encodeMsgpack } from './msgpack.js';
import { isUnknown, type Unknown, unknown } from './unknown.js';
import { DynamicValue, type TfValue } from './value.js';

const thing: CtyType = [
  'object',
  {
    id: 'string',
    size: 'number',
    enabled: 'bool',
    tags: ['set', 'string'],
    labels: ['map', 'string'],
    rules: ['list', ['object', { port: 'number', hosts: ['set', 'string'] }]],
    matrix: ['list', ['list', 'number']],
    pair: ['tuple', ['string', 'number']],
  },
];

describe('cty msgpack', () => {
  it('round-trips nested sets, lists, maps, objects, tuples and nulls', () => {
    // GIVEN a value with every kind of collection, nested, and nulls at several depths
    const value: TfValue = {
      id: 'thing-1',
      size: 3,
      enabled: true,
      tags: ['b', 'a'],
      labels: { team: 'core' },
      rules: [
        { port: 443, hosts: ['x', 'y'] },
        { port: 80, hosts: null },
      ],
      matrix: [[1, 2], [], [3]],
      pair: ['p', 1],
    };
    // WHEN it is encoded and decoded
    const back = decodeMsgpack(encodeMsgpack(value, thing), thing);
    // THEN it is the same value
    expect(back).toEqual(value);
  });

  it('writes a map key "__proto__" as a key, and refuses to read one (the msgpack library forbids it)', () => {
    const labels = Object.fromEntries([['__proto__', 'x']]);
    const bytes = encodeMsgpack(labels, ['map', 'string']);
    expect(Buffer.from(bytes).toString('hex')).toBe(`81a95f5f70726f746f5f5fa178`);
    expect(() => decodeMsgpack(bytes, ['map', 'string'])).toThrow(
      '(value): not valid msgpack: The key __proto__ is not allowed',
    );
  });

  it('writes every object attribute, absent ones as nil (Terraform requires them all)', () => {
    // GIVEN an object missing most attributes
    // WHEN it is encoded
    const raw = decode(encodeMsgpack({ id: 'a' }, thing));
    // THEN every attribute of the type is present
    expect(raw).toEqual({
      id: 'a',
      size: null,
      enabled: null,
      tags: null,
      labels: null,
      rules: null,
      matrix: null,
      pair: null,
    });
  });

  it('decodes unknowns of every extension code, keeps refinements (code 12) and writes them back unchanged', () => {
    // GIVEN an object from Terraform with a plain unknown (0), a refined unknown (12: prefix "tok-")
    // and an unknown under a code no version uses yet (42), and -1, msgpack's timestamp code
    const refinement = encode(new Map([[2, 'tok-']]));
    const bytes = encode({
      id: new ExtData(0, new Uint8Array([0])),
      size: new ExtData(42, new Uint8Array([1, 2])),
      enabled: new ExtData(-1, new Uint8Array([0, 0, 0, 0])),
      tags: null,
      labels: null,
      rules: null,
      matrix: null,
      pair: null,
      token: new ExtData(12, refinement),
    });
    const type: CtyType = ['object', { ...(thing[1] as object), token: 'string' }] as CtyType;
    // WHEN it is decoded
    const value = decodeMsgpack(bytes, type) as { [k: string]: TfValue };
    // THEN each is an Unknown carrying its code
    expect([value.id, value.size, value.enabled, value.token].map((v) => isUnknown(v) && v.extType)).toEqual([
      0, 42, -1, 12,
    ]);
    expect((value.token as Unknown).refined).toBe(true);
    // AND encoding it again gives Terraform the same bytes
    expect(Buffer.from(encodeMsgpack(value, type))).toEqual(Buffer.from(bytes));
  });

  it('encodes a new unknown as cty does: fixext1, code 0, one zero byte', () => {
    expect(Buffer.from(encodeMsgpack(unknown, 'string')).toString('hex')).toBe('d40000');
  });

  it('keeps numbers exact: big integers as bigint, fractions as decimal strings, floats from strings', () => {
    // GIVEN numbers Terraform sends: a safe int, an int64 beyond 2^53, a uint64, and "0.1" as a string
    const bytes = encode(
      [7, 9007199254740993n, 18446744073709551615n, '0.1', -5, 1.5, '123456789012345678901234567890'],
      {
        useBigInt64: true,
      },
    );
    // WHEN decoded as a list of numbers
    const value = decodeMsgpack(bytes, ['list', 'number']);
    // THEN nothing was rounded
    expect(value).toEqual([7, 9007199254740993n, 18446744073709551615n, 0.1, -5, 1.5, 123456789012345678901234567890n]);
    // AND on the way back fractions are decimal strings (so 0.1 is exactly Terraform's 0.1),
    // 64-bit integers are msgpack integers and wider ones decimal strings
    expect(decode(encodeMsgpack(value, ['list', 'number']), { useBigInt64: true })).toEqual([
      7,
      9007199254740993n,
      18446744073709551615n,
      '0.1',
      -5,
      '1.5',
      '123456789012345678901234567890',
    ]);
  });

  it('writes an integral float beyond 2^53 as an integer, not as a rounded float', () => {
    expect(decode(encodeMsgpack(1e20, 'number'), { useBigInt64: true })).toBe('100000000000000000000');
    expect(decode(encodeMsgpack(2 ** 60, 'number'), { useBigInt64: true })).toBe(2n ** 60n);
  });

  it('round-trips dynamic values with their type', () => {
    // GIVEN a dynamic attribute holding a map of numbers
    const value = new DynamicValue(['map', 'number'], { a: 1, b: 2 });
    // WHEN encoded: [type JSON bytes, value]
    const raw = decode(encodeMsgpack(value, 'dynamic')) as [Uint8Array, unknown];
    expect(new TextDecoder().decode(raw[0])).toBe('["map","number"]');
    // THEN decoding gives it back
    expect(decodeMsgpack(encodeMsgpack(value, 'dynamic'), 'dynamic')).toEqual(value);
  });

  it('reports a value that does not fit its type, with the path', () => {
    const bytes = encode({
      id: 'a',
      size: 'many',
      enabled: null,
      tags: null,
      labels: null,
      rules: null,
      matrix: null,
      pair: null,
    });
    expect(() => decodeMsgpack(bytes, thing)).toThrow('size: expected a number, got the string "many"');
    expect(() => encodeMsgpack({ rules: [{ port: 1, hosts: [3] }] } as never, thing)).toThrow(
      'rules[0].hosts[0]: expected a string, got number 3',
    );
  });

  it('decodes JSON too (DynamicValue.json, raw state) and prefers msgpack when both are set', () => {
    const json = '{"id":"j","size":2,"enabled":false,"tags":["t"],"labels":{},"rules":[],"matrix":[],"pair":["p",0]}';
    expect(decodeJson(json, thing)).toEqual({
      id: 'j',
      size: 2,
      enabled: false,
      tags: ['t'],
      labels: {},
      rules: [],
      matrix: [],
      pair: ['p', 0],
    });
    expect(JSON.parse(encodeJson({ id: 'j' }, thing))).toEqual({
      id: 'j',
      size: null,
      enabled: null,
      tags: null,
      labels: null,
      rules: null,
      matrix: null,
      pair: null,
    });
    const both = { msgpack: encodeMsgpack('from msgpack', 'string'), json: Buffer.from('"from json"') };
    expect(decodeDynamic(both, 'string')).toBe('from msgpack');
    expect(decodeDynamic({ json: Buffer.from('"from json"') }, 'string')).toBe('from json');
    expect(decodeDynamic(null, 'string')).toBe(null);
  });
});

describe('valuesEqual', () => {
  it('compares sets as sets, lists in order, numbers across number and bigint, unknown as never equal', () => {
    expect(valuesEqual(['a', 'b'], ['b', 'a'], ['set', 'string'])).toBe(true);
    expect(valuesEqual(['a', 'b'], ['b', 'a'], ['list', 'string'])).toBe(false);
    expect(valuesEqual(['a', 'a'], ['a', 'b'], ['set', 'string'])).toBe(false);
    expect(valuesEqual(3, 3n, 'number')).toBe(true);
    expect(valuesEqual(unknown, unknown, 'string')).toBe(false);
    expect(valuesEqual([], null, ['set', 'string'])).toBe(false);
    expect(
      valuesEqual(
        [
          { port: 1, hosts: ['x', 'y'] },
          { port: 2, hosts: null },
        ],
        [
          { port: 2, hosts: null },
          { port: 1, hosts: ['y', 'x'] },
        ],
        ['set', ['object', { port: 'number', hosts: ['set', 'string'] }]],
      ),
    ).toBe(true);
  });
});
