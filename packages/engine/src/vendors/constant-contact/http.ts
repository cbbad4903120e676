/**
 * @module
 * The HTTP bits Constant Contact's `verify` and `import` share: a JSON request over the injected
 * `fetch`, Basic credentials, and one line for a refusal (an OAuth error body, or the v3 API's
 * `[{error_key, error_message}]` list).
 */
import type { FetchLike } from '../../drivers/http.js';
import { fetchOrUnreachable, jsonOrNull } from '../../drivers/http.js';
import type { JsonValue } from '../../json.js';
import { isJsonObject } from '../../json.js';

export interface JsonAnswer {
  readonly status: number;
  /** The parsed body, `null` when empty or not JSON. */
  readonly body: JsonValue | null;
}

/** `Authorization: Basic` of an id and secret. */
export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** One request; the answer's status and JSON body. */
export async function requestJson(fetchFn: FetchLike, url: string, init: RequestInit): Promise<JsonAnswer> {
  const res = await fetchOrUnreachable(fetchFn, url, init);
  return { status: res.status, body: (await jsonOrNull(res)) as JsonValue | null };
}

/**
 * A refusal in one line: `invalid_client: Client authentication failed`, `unauthorized: …`, else
 * `HTTP 401`. `withStatus` leads with the HTTP status (`HTTP 401 invalid_client: …`), as `verify`
 * reports it, and then always names the description (empty when there is none).
 */
export function errorText(r: { status: number; body: unknown }, options: { withStatus?: boolean } = {}): string {
  const b = r.body;
  const lead = options.withStatus === true ? `HTTP ${r.status} ` : '';
  if (isJsonObject(b) && typeof b.error === 'string') {
    if (options.withStatus === true) return `${lead}${b.error}: ${String(b.error_description ?? '')}`;
    return `${b.error}${typeof b.error_description === 'string' ? `: ${b.error_description}` : ''}`;
  }
  if (Array.isArray(b) && isJsonObject(b[0])) return `${lead}${String(b[0].error_key)}: ${String(b[0].error_message)}`;
  return `HTTP ${r.status}`;
}
