import { describe, expect, it } from 'vitest';
import type { TokenKind, TokenRecord } from './records.js';
import { EmulatorStore } from './store.js';

const TSSD = 'mc563885gzs27c5t9-63k636ttgm';

function storeWithTenant(): EmulatorStore {
  const store = new EmulatorStore();
  store.putTenant({ subdomain: TSSD, name: 't', stackKey: 'S7', enterpriseMid: 1, businessUnits: [] });
  return store;
}

function token(id: string, kind: TokenKind = 'access', expiresAt = 1_000_000, issuedAt = 0): TokenRecord {
  return {
    id,
    kind,
    tenant: TSSD,
    clientId: 'c',
    packageId: 'p',
    grantId: `g-${id}`,
    userId: null,
    mid: 1,
    scopes: [],
    issuedAt,
    expiresAt,
    revokedAt: null,
    consumedAt: null,
  };
}

describe('EmulatorStore access-token bound', () => {
  it('keeps at most maxAccessTokens access-token records, dropping the oldest, and never other kinds', () => {
    // GIVEN a store bounded to 3 access tokens, holding a refresh token
    const store = storeWithTenant();
    store.maxAccessTokens = 3;
    store.addToken(token('r1', 'refresh'));
    // WHEN 5 access tokens are issued
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) store.addToken(token(id));
    // THEN the 3 newest remain, with the refresh token, and the dropped ones are unknown
    expect(store.tokens().map((t) => t.id)).toEqual(['a5', 'a4', 'a3', 'r1']);
    expect(store.token('a1')).toBeUndefined();
    expect(store.snapshot().tenants[0]!.tokens.map((t) => t.id)).toEqual(['r1', 'a3', 'a4', 'a5']);
  });

  it('counts only live records: pruned tokens free room for new ones', () => {
    // GIVEN 3 access tokens (bound 3), two of them expired
    const store = storeWithTenant();
    store.maxAccessTokens = 3;
    store.addToken(token('old1', 'access', 10));
    store.addToken(token('old2', 'access', 20));
    store.addToken(token('live', 'access', 1_000));
    // WHEN the expired ones are pruned and two more are issued
    expect(store.prune(100)).toBe(2);
    store.addToken(token('n1'));
    store.addToken(token('n2'));
    // THEN nothing live was dropped
    expect(store.tokens().map((t) => t.id)).toEqual(['n2', 'n1', 'live']);
  });

  it('drops expired records first, wherever they are, and reports only unexpired ones it drops', () => {
    // GIVEN a store bounded to 3, holding (oldest first) a long-lived token, a short-lived one and another long one
    const store = storeWithTenant();
    store.maxAccessTokens = 3;
    const dropped: number[] = [];
    store.onLiveEviction = (n) => dropped.push(n);
    store.addToken(token('long1', 'access', 10_000, 0));
    store.addToken(token('short', 'access', 100, 0));
    store.addToken(token('long2', 'access', 10_000, 0));
    // WHEN a fourth is issued after the short one expired
    store.addToken(token('a4', 'access', 10_000, 500));
    // THEN the expired one went, not the oldest, and nothing was reported
    expect(store.tokens().map((t) => t.id)).toEqual(['a4', 'long2', 'long1']);
    expect(dropped).toEqual([]);
    // WHEN a fifth is issued while none has expired
    store.addToken(token('a5', 'access', 10_000, 600));
    // THEN the oldest unexpired one is dropped, and that is reported
    expect(store.tokens().map((t) => t.id)).toEqual(['a5', 'a4', 'long2']);
    expect(dropped).toEqual([1]);
  });
});
