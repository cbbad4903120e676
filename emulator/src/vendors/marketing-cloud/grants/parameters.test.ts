import { describe, expect, it } from 'vitest';
import { TokenParams } from '../params.js';
import { grants } from './index.js';

describe('grant parameters', () => {
  it('lets a grant read the parameters it declares, and no other', () => {
    // GIVEN a token request with a declared and an undeclared parameter, seen as client_credentials sees it
    const grant = grants.get('client_credentials')!;
    const params = new TokenParams({ scope: 'email_read', code: 'abc' }).only(grant.parameters);
    // WHEN / THEN the declared one reads, the undeclared one is a programming error
    expect(params.string('scope')).toBe('email_read');
    expect(() => params.string('code')).toThrow(
      new TypeError('the "code" parameter is read but not declared in the grant\'s parameters'),
    );
  });

  it('declares the client parameters the token endpoint reads for every grant', () => {
    for (const grant of grants.values()) {
      expect([...grant.parameters]).toEqual(expect.arrayContaining(['grant_type', 'client_id', 'client_secret']));
    }
  });
});
