/**
 * `probeFetch`: every request it makes carries `x-grantform-probe`, whatever form its headers came in
 * (a plain object stays a plain object), and the headers it was given are kept.
 */
import { describe, expect, it } from 'vitest';
import { type FetchLike, PROBE_HEADER, probeFetch } from './http.js';

/** A fetch that answers 204 and keeps what it was called with. */
function recording() {
  const calls: { input: string | URL | Request; init: RequestInit | undefined }[] = [];
  const fetchFn: FetchLike = (input, init) => {
    calls.push({ input, init });
    return new Response(null, { status: 204 });
  };
  return { calls, fetchFn };
}

describe('probeFetch', () => {
  it('adds the header to plain-object, Headers, array and absent headers, keeping the others', async () => {
    // GIVEN a recording fetch wrapped as a verify probe
    const { calls, fetchFn } = recording();
    const probe = probeFetch(fetchFn, 'verify');
    // WHEN requests are made with each form of headers
    await probe('http://127.0.0.1/a', { method: 'POST', headers: { authorization: 'Bearer t' } });
    await probe('http://127.0.0.1/b', { headers: new Headers({ accept: 'application/json' }) });
    await probe('http://127.0.0.1/c', { headers: [['accept', 'text/xml']] });
    await probe('http://127.0.0.1/d');
    // THEN each carries the header beside its own, in the form it came in
    expect(calls[0]?.init).toEqual({
      method: 'POST',
      headers: { authorization: 'Bearer t', [PROBE_HEADER]: 'verify' },
    });
    const headers = calls[1]?.init?.headers;
    expect(headers instanceof Headers ? [...headers.entries()] : headers).toEqual([
      ['accept', 'application/json'],
      ['x-grantform-probe', 'verify'],
    ]);
    expect(calls[2]?.init?.headers).toEqual([
      ['accept', 'text/xml'],
      ['x-grantform-probe', 'verify'],
    ]);
    expect(calls[3]?.init).toEqual({ headers: { 'x-grantform-probe': 'verify' } });
  });

  it("keeps a Request's own headers when no init is given", async () => {
    // GIVEN a recording fetch wrapped as a rotate probe
    const { calls, fetchFn } = recording();
    // WHEN a Request with an authorization header is fetched
    await probeFetch(fetchFn, 'rotate')(new Request('http://127.0.0.1/t', { headers: { authorization: 'Basic x' } }));
    // THEN the headers sent are the Request's plus the probe header
    const headers = new Headers(calls[0]?.init?.headers);
    expect([...headers.entries()]).toEqual([
      ['authorization', 'Basic x'],
      ['x-grantform-probe', 'rotate'],
    ]);
  });
});
