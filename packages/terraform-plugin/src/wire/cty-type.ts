/**
 * @module
 * cty type constraints, in the compact JSON form Terraform uses on the wire (`Schema.Attribute.type`):
 * `"string"`, `"number"`, `"bool"`, `"dynamic"`, `["list", T]`, `["set", T]`, `["map", T]`,
 * `["object", {name: T}]` (optionally a third element listing optional attributes) and
 * `["tuple", [T…]]`. The value codecs are driven by these.
 */

/** A cty type constraint in Terraform's JSON form. */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list', CtyType]
  | readonly ['set', CtyType]
  | readonly ['map', CtyType]
  | readonly ['object', { readonly [name: string]: CtyType }]
  | readonly ['object', { readonly [name: string]: CtyType }, readonly string[]]
  | readonly ['tuple', readonly CtyType[]];

/** Thrown when bytes or JSON do not describe a cty type. */
export class CtyTypeError extends Error {
  readonly code = 'ERR_CTY_TYPE';
  constructor(message: string) {
    super(message);
    this.name = 'CtyTypeError';
  }
}

/** The compact JSON of a type, as sent in `Schema.Attribute.type`. */
export function ctyTypeJson(type: CtyType): string {
  return JSON.stringify(type);
}

/** Parses a type from its JSON form (the first element of a msgpack `dynamic` value, for example). */
export function parseCtyType(json: unknown, where = 'type'): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json)) {
    const [kind, arg] = json as unknown[];
    if ((kind === 'list' || kind === 'set' || kind === 'map') && json.length === 2) {
      return [kind, parseCtyType(arg, `${where}[1]`)];
    }
    if (kind === 'object' && (json.length === 2 || json.length === 3) && isPlainObject(arg)) {
      const attrs: Record<string, CtyType> = {};
      for (const [name, t] of Object.entries(arg)) attrs[name] = parseCtyType(t, `${where}[1].${name}`);
      const optional = json[2];
      if (optional === undefined) return ['object', attrs];
      if (Array.isArray(optional) && optional.every((o) => typeof o === 'string')) {
        return ['object', attrs, optional as string[]];
      }
    }
    if (kind === 'tuple' && json.length === 2 && Array.isArray(arg)) {
      return ['tuple', arg.map((t, i) => parseCtyType(t, `${where}[1][${i}]`))];
    }
  }
  throw new CtyTypeError(`${where}: ${JSON.stringify(json)} is not a cty type constraint`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
