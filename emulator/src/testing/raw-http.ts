/**
 * @module
 * One HTTP/1.1 request over `node:http` with headers exactly as given, `Host` included (`fetch`
 * does not let a caller set `Host`): what a rebinding page or a hand-written client sends. For
 * tests and the reliability drills.
 */
import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface RawRequest {
  readonly method?: string;
  /** Sent as given; `host` overrides the URL's host in the `Host` header (the connection still goes to the URL). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

/** Sends one request to `url` and reads the whole answer. Rejects on a connection error or timeout. */
export function rawRequest(url: string, o: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: o.method ?? 'GET',
        headers:
          o.body === undefined || Object.keys(o.headers ?? {}).some((h) => h.toLowerCase() === 'content-length')
            ? { ...o.headers }
            : { 'content-length': String(Buffer.byteLength(o.body)), ...o.headers },
        agent: false,
        timeout: o.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${o.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
