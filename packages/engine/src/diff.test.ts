import { describe, expect, it } from 'vitest';
import { diffAttributes } from './diff.js';

describe('diffAttributes', () => {
  it('compares scopes and redirect URIs as sets', () => {
    // GIVEN the same scopes and URIs in another order
    const before = { scopes: ['email_read', 'data_extensions_read'], redirectUris: ['https://b', 'https://a'] };
    const after = { scopes: ['data_extensions_read', 'email_read'], redirectUris: ['https://a', 'https://b'] };
    // WHEN diffed
    const diff = diffAttributes('api-integration', before, after);
    // THEN nothing changes
    expect(diff).toEqual({ changes: [], requiresReplace: false });
  });

  it('reports added and removed scopes', () => {
    const diff = diffAttributes('api-integration', { scopes: ['a', 'b'] }, { scopes: ['b', 'c'] });
    expect(diff).toEqual({
      changes: [
        {
          name: 'scopes',
          before: ['a', 'b'],
          after: ['b', 'c'],
          forcesReplacement: false,
          added: ['c'],
          removed: ['a'],
        },
      ],
      requiresReplace: false,
    });
  });

  it('compares business units as a set, and "all" against a list as a value', () => {
    expect(diffAttributes('api-integration', { businessUnits: [200, 100] }, { businessUnits: [100, 200] })).toEqual({
      changes: [],
      requiresReplace: false,
    });
    expect(diffAttributes('api-integration', { businessUnits: 'all' }, { businessUnits: [100] }).changes).toEqual([
      { name: 'businessUnits', before: 'all', after: [100], forcesReplacement: false },
    ]);
  });

  it('never diffs server-assigned values', () => {
    // GIVEN state holding a client id and endpoints, and a spec that has neither
    const before = { scopes: ['a'], clientId: 'abc', endpoints: { rest: 'https://x/' } };
    // WHEN diffed
    const diff = diffAttributes('api-integration', before, { scopes: ['a'] });
    // THEN
    expect(diff.changes).toEqual([]);
  });

  it('marks a type change and a legacy change as forcing replacement', () => {
    expect(diffAttributes('api-integration', { type: 'server-to-server' }, { type: 'web-app' }).requiresReplace).toBe(
      true,
    );
    expect(diffAttributes('installed-package', { legacy: false }, { legacy: true }).changes).toEqual([
      { name: 'legacy', before: false, after: true, forcesReplacement: true },
    ]);
  });

  it('compares the business-unit tree of a tenant as a set of objects', () => {
    const a = { mid: 1, name: 'A', parentMid: null };
    const b = { mid: 2, name: 'B', parentMid: 1 };
    expect(diffAttributes('tenant', { businessUnits: [a, b] }, { businessUnits: [b, a] }).changes).toEqual([]);
  });
});
