/**
 * @module
 * The injected `fetch` every driver and verifier uses (P8): tests pass `app.request` or a nock-
 * intercepted global fetch; the CLI passes the global one.
 */
import { EngineError } from '../errors.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response> | Response;

/**
 * The request header that marks grantform's own probes (`verify`, `rotate`'s token proofs) on the
 * emulator: the emulator serves them as usual but records none of their tokens and calls as a
 * client's usage (emulator/README.md, "Usage"), so `grantform advise` sees only what the job used.
 */
export const PROBE_HEADER = 'x-grantform-probe';

/** Headers with one more, in the form they came in (a plain object stays one: fakes read it so). */
function withHeader(headers: HeadersInit | undefined, name: string, value: string): HeadersInit {
  if (headers instanceof Headers) {
    const copy = new Headers(headers);
    copy.set(name, value);
    return copy;
  }
  if (Array.isArray(headers)) return [...headers, [name, value]];
  return { ...headers, [name]: value };
}

/**
 * `fetchFn`, sending {@link PROBE_HEADER} (`probe` names who probes, e.g. `verify`) on every request.
 * Only for the emulator target: a vendor's real hosts have no use for it.
 */
export function probeFetch(fetchFn: FetchLike, probe: string): FetchLike {
  return (input, init) => {
    const headers = init?.headers ?? (input instanceof Request ? input.headers : undefined);
    return fetchFn(input, { ...init, headers: withHeader(headers, PROBE_HEADER, probe) });
  };
}

/** Calls `fetch`, turning a network failure into `ERR_TARGET_UNREACHABLE`. */
export async function fetchOrUnreachable(fetchFn: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new EngineError('ERR_TARGET_UNREACHABLE', `cannot reach ${new URL(url).origin}: ${reason}`, { cause: err });
  }
}

/** Reads a JSON body or `null` (empty or not JSON). */
export async function jsonOrNull(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
