/**
 * @module
 * A typed caller for the emulator's admin API (`/_emulator/*`, see `emulator/ADMIN-API.md`), in
 * process through `app.request`. Non-2xx answers throw {@link AdminApiError} with the error body.
 */
import type { RequestableApp } from './route-hosts.js';

/**
 * Origin used for admin calls in process (never on the network). `.test` never resolves (RFC 6761),
 * and {@link startEmulator} adds this host to the emulator's `allowedHosts`.
 */
export const ADMIN_ORIGIN = 'http://emulator.test';
/** The host of {@link ADMIN_ORIGIN}. */
export const ADMIN_HOST = 'emulator.test';

/** The admin API's error shape: `{ error: { code, message, path, issues? } }`. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

function errorOf(status: number, method: string, path: string, body: unknown): AdminApiError {
  const err = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const code =
    typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'ERR_HTTP';
  const message =
    typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string'
      ? err.message
      : JSON.stringify(body);
  return new AdminApiError(status, code, `${method} ${path} → ${status} ${code}: ${message}`, body);
}

export interface AdminClient {
  /** Calls `/_emulator{path}`; resolves with the parsed JSON (or `undefined` for 204). */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function createAdminClient(app: RequestableApp, adminToken?: string): AdminClient {
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (adminToken !== undefined) headers.authorization = `Bearer ${adminToken}`;
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await app.request(`${ADMIN_ORIGIN}/_emulator${path}`, init);
      const text = await res.text();
      const parsed: unknown = text === '' ? undefined : JSON.parse(text);
      if (!res.ok) throw errorOf(res.status, method, `/_emulator${path}`, parsed);
      return parsed as T;
    },
  };
}
