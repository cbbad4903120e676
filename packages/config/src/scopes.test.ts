import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, editDistance, isScope, SCOPE_GROUPS, scopes, suggestScope } from './scopes.js';

describe('scope catalog', () => {
  it('holds the 85 scopes of reference §1.10, each in exactly one group', () => {
    // GIVEN / WHEN
    const grouped = Object.values(SCOPE_GROUPS).flat();
    // THEN
    expect(ALL_SCOPES).toHaveLength(85);
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(ALL_SCOPES).toContain('journeys_aspr');
    expect(ALL_SCOPES).toContain('contact_bu_mapping_view');
    expect(ALL_SCOPES).toEqual([...ALL_SCOPES].sort());
  });

  it('isScope tells catalog names apart', () => {
    expect(isScope('email_send')).toBe(true);
    expect(isScope('openid')).toBe(false);
  });
});

describe('scope helpers', () => {
  it('group() returns every scope of the groups, sorted', () => {
    expect(scopes.group('email', 'dataExtensions')).toEqual([
      'data_extensions_read',
      'data_extensions_write',
      'email_read',
      'email_send',
      'email_write',
    ]);
  });

  it('readOnly() keeps *_read and *_view', () => {
    expect(scopes.readOnly('journeys', 'keyManagement')).toEqual(['journeys_read', 'key_manage_view']);
    expect(scopes.readOnly()).not.toContain('email_write');
    expect(scopes.readOnly()).toContain('contact_bu_mapping_view');
  });

  it('readWrite() keeps *_read and *_write, not send or delete', () => {
    expect(scopes.readWrite('email', 'deepLinkingAssets')).toEqual([
      'deep_linking_asset_read',
      'deep_linking_asset_write',
      'email_read',
      'email_write',
    ]);
  });

  it('all() is a fresh copy', () => {
    const all = scopes.all();
    all.pop();
    expect(scopes.all()).toHaveLength(85);
  });
});

describe('suggestScope', () => {
  it.each([
    ['emial_read', 'email_read'],
    ['Data-Extensions.Read', 'data_extensions_read'],
    ['journey_read', 'journeys_read'],
    ['offlne', 'offline'],
  ])('suggests %s → %s', (input, expected) => {
    expect(suggestScope(input)).toBe(expected);
  });

  it('suggests nothing for a far name', () => {
    expect(suggestScope('completely_unrelated_thing')).toBeUndefined();
  });

  it('editDistance counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
