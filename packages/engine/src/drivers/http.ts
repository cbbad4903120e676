/**
 * @module
 * The injected `fetch` every driver and verifier uses (P8): tests pass `app.request` or a nock-
 * intercepted global fetch; the CLI passes the global one.
 */
import { EngineError } from '../errors.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response> | Response;

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
