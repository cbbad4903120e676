/**
 * @module
 * What the engine knows about each resource kind: which attributes it compares and how, which
 * changes force a replacement, which values the target assigns (never diffed), and which
 * attributes are local references the target cannot report.
 */
import type { ResourceKind } from '@grantform/config';
import {
  CTCT_ATTRIBUTE_RULES,
  CTCT_COMPUTED_ATTRIBUTES,
  CTCT_KINDS,
  CTCT_PARENT_ATTRIBUTE,
  isCtctKind,
} from './ctct-resources.js';
import type { JsonObject } from './json.js';

/**
 * How two values of an attribute compare.
 * - `value`: deep equality.
 * - `set`: arrays compared as sets (scopes, redirect URIs).
 * - `business-units`: `'all'` or a set of MIDs.
 * - `bu-tree`: a set of `{mid,name,parentMid}` objects.
 */
export type CompareMode = 'value' | 'set' | 'business-units' | 'bu-tree';

export interface AttributeRule {
  readonly compare: CompareMode;
  /** `replace`: the target cannot change it in place. */
  readonly onChange: 'update' | 'replace';
  /** A reference only grantform knows (an address or a secret's env name); the target never reports it. */
  readonly local?: boolean;
}

export const ATTRIBUTE_RULES: { readonly [K in ResourceKind]: Readonly<Record<string, AttributeRule>> } = {
  tenant: {
    subdomain: { compare: 'value', onChange: 'replace' },
    name: { compare: 'value', onChange: 'update' },
    stackKey: { compare: 'value', onChange: 'update' },
    enterpriseMid: { compare: 'value', onChange: 'update' },
    businessUnits: { compare: 'bu-tree', onChange: 'update' },
  },
  'installed-package': {
    tenant: { compare: 'value', onChange: 'replace', local: true },
    name: { compare: 'value', onChange: 'update' },
    description: { compare: 'value', onChange: 'update' },
    legacy: { compare: 'value', onChange: 'replace' },
    sourceMid: { compare: 'value', onChange: 'replace' },
  },
  'api-integration': {
    package: { compare: 'value', onChange: 'replace', local: true },
    type: { compare: 'value', onChange: 'replace' },
    scopes: { compare: 'set', onChange: 'update' },
    redirectUris: { compare: 'set', onChange: 'update' },
    businessUnits: { compare: 'business-units', onChange: 'update' },
    pkce: { compare: 'value', onChange: 'update' },
    clientSecret: { compare: 'value', onChange: 'update', local: true },
  },
  'marketing-cloud-app': {
    package: { compare: 'value', onChange: 'replace', local: true },
    loginUrl: { compare: 'value', onChange: 'update' },
    redirectUrl: { compare: 'value', onChange: 'update' },
    logoutUrl: { compare: 'value', onChange: 'update' },
    claimsVersion: { compare: 'value', onChange: 'update' },
    jwtSigningSecret: { compare: 'value', onChange: 'update', local: true },
  },
  ...CTCT_ATTRIBUTE_RULES,
};

/** Values the target assigns. Kept in state for `output`, never part of a diff. */
export const COMPUTED_ATTRIBUTES: { readonly [K in ResourceKind]: readonly string[] } = {
  tenant: ['endpoints'],
  'installed-package': [],
  'api-integration': ['clientId', 'endpoints'],
  'marketing-cloud-app': [],
  ...CTCT_COMPUTED_ATTRIBUTES,
};

/** Kinds that are components of an installed package: the vendor cannot remove them on their own. */
export const COMPONENT_KINDS: ReadonlySet<ResourceKind> = new Set(['api-integration', 'marketing-cloud-app']);

export function isComponentKind(kind: ResourceKind): boolean {
  return COMPONENT_KINDS.has(kind);
}

/** The address attribute naming a resource's parent, if it has one. */
export function parentAddressOf(kind: ResourceKind, attributes: JsonObject): string | null {
  const key = isCtctKind(kind)
    ? CTCT_PARENT_ATTRIBUTE[kind]
    : kind === 'installed-package'
      ? 'tenant'
      : kind === 'tenant'
        ? null
        : 'package';
  if (key === null) return null;
  const value = attributes[key];
  return typeof value === 'string' ? value : null;
}

/** The spec fields that are configurable attributes of `kind` (computed ones removed). */
export function configurableAttributes(kind: ResourceKind, attributes: JsonObject): JsonObject {
  const rules = ATTRIBUTE_RULES[kind];
  const out: Record<string, JsonObject[string]> = {};
  for (const name of Object.keys(rules)) {
    const v = attributes[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'tenant',
  'installed-package',
  'api-integration',
  'marketing-cloud-app',
  ...CTCT_KINDS,
];

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === 'string' && (RESOURCE_KINDS as readonly string[]).includes(value);
}
