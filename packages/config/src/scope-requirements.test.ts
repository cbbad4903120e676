import { describe, expect, it } from 'vitest';
import { alternativesOf, callName, grantingScope, SCOPE_REQUIREMENTS, scopeRequirement } from './scope-requirements.js';
import { ALL_SCOPES, CTCT_SCOPES } from './scopes.js';

describe('scope requirement table', () => {
  it('names only catalog scopes, one row per call, with each case inside its anyOf', () => {
    // GIVEN every row
    const catalog = {
      'marketing-cloud': new Set<string>(ALL_SCOPES),
      'constant-contact': new Set<string>(CTCT_SCOPES),
    };
    // WHEN each row's scopes are checked against its vendor's catalog
    const unknown = SCOPE_REQUIREMENTS.flatMap((r) =>
      [...r.anyOf, ...Object.values(r.cases ?? {}).flat()]
        .filter((s) => !catalog[r.vendor].has(s))
        .map((s) => `${r.vendor} ${callName(r)}: ${s}`),
    );
    const keys = SCOPE_REQUIREMENTS.map((r) => `${r.vendor} ${callName(r)}`);
    const looseCases = SCOPE_REQUIREMENTS.flatMap((r) =>
      Object.values(r.cases ?? {})
        .flat()
        .filter((s) => !r.anyOf.includes(s))
        .map((s) => `${callName(r)}: ${s}`),
    );
    // THEN
    expect(unknown).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(looseCases).toEqual([]);
  });

  it('says where each requirement comes from: reference rows cite a section, emulator rows say why', () => {
    const uncited = SCOPE_REQUIREMENTS.filter((r) => r.basis === 'reference' && !/§\d/.test(r.note)).map(callName);
    const unexplained = SCOPE_REQUIREMENTS.filter((r) => r.note.trim() === '').map(callName);
    const notServed = SCOPE_REQUIREMENTS.filter((r) => !r.served && !r.note.startsWith('not served')).map(callName);
    expect([uncited, unexplained, notServed]).toEqual([[], [], []]);
  });

  it('holds the reference facts it cites', () => {
    expect(scopeRequirement('marketing-cloud', 'rest', 'POST /messaging/v1/email/messages').anyOf).toEqual([
      'email_send',
    ]);
    expect(scopeRequirement('marketing-cloud', 'rest', 'POST /data/v1/async/dataextensions/{ref}/rows').anyOf).toEqual([
      'data_extensions_write',
    ]);
    expect(scopeRequirement('constant-contact', 'v3', 'GET /contacts').anyOf).toEqual(['contact_data']);
    expect(scopeRequirement('constant-contact', 'v3', 'PUT /account/summary').anyOf).toEqual(['account_update']);
  });

  it('grantingScope answers the least privileged scope held, "" when none is needed, null when refused', () => {
    // GIVEN a row with two alternatives, one with none, and one with cases
    const read = scopeRequirement('marketing-cloud', 'rest', 'GET /messaging/v1/email/messages/{messageKey}');
    const context = scopeRequirement('marketing-cloud', 'rest', 'GET /platform/v1/tokenContext');
    const asset = scopeRequirement('marketing-cloud', 'rest', 'GET /asset/v1/content/assets/{id}');
    // THEN
    expect(grantingScope(read, ['email_send', 'email_read'])).toBe('email_read');
    expect(grantingScope(read, ['email_send'])).toBe('email_send');
    expect(grantingScope(read, ['data_extensions_read'])).toBeNull();
    expect(grantingScope(context, [])).toBe('');
    expect(grantingScope(asset, ['saved_content_read'], 'documents-and-images')).toBeNull();
    expect(grantingScope(asset, ['saved_content_read'], 'saved-content')).toBe('saved_content_read');
    expect(grantingScope(asset, ['saved_content_read'])).toBe('saved_content_read');
    expect(alternativesOf(asset, 'no-such-case')).toEqual(asset.anyOf);
  });

  it('refuses a call it has no row for', () => {
    expect(() => scopeRequirement('marketing-cloud', 'rest', 'GET /nope')).toThrow(
      'no scope requirement for marketing-cloud rest GET /nope',
    );
  });
});
