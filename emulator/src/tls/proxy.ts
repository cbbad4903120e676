/**
 * @module
 * The forward proxy (`--proxy-port`) that lets an unmodified client reach the emulator under the
 * vendors' real host names with nothing but `HTTPS_PROXY`. It is no way out: it never opens a network
 * connection. It answers
 *
 * - `CONNECT {host}:443` for a served host name: `200`, then the client's TLS goes to the emulator's
 *   HTTPS server in this process (the socket is handed over, no port in between);
 * - an absolute-form request (`GET http://{host}/…`) for a served host on its default port, into the
 *   emulator app. `https://` URLs are accepted the same way: axios before 1.16.1 sent HTTPS requests to
 *   an HTTP proxy like that, in clear text, instead of a CONNECT;
 * - anything else with a clear refusal: `403` (`ERR_PROXY_HOST_REFUSED`) for any other host or port,
 *   `400` (`ERR_PROXY_BAD_REQUEST`) for a request that is not a proxy request.
 *
 * Host names are compared as `tls/hosts.ts` normalises them; an IP address is never served.
 */

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ServedHostPattern, servedPatternOf } from './hosts.js';

export type ProxyErrorCode = 'ERR_PROXY_HOST_REFUSED' | 'ERR_PROXY_BAD_REQUEST';

export interface VendorProxyOptions {
  readonly patterns: readonly ServedHostPattern[];
  /** Takes over a tunnelled connection (the client speaks TLS next), `head` already read from it. */
  tunnel(socket: Duplex, head: Buffer): void;
  /** Answers an absolute-form request for a served host (its `Host` header set to that host). */
  forward: RequestListener;
}

/** The refusal text, one line, naming what was asked and what is served. */
export function refusalMessage(code: ProxyErrorCode, what: string, patterns: readonly ServedHostPattern[]): string {
  const served = patterns.map((p) => p.display).join(', ');
  if (code === 'ERR_PROXY_BAD_REQUEST') {
    return `grantform emulator proxy: ${what} is not a proxy request (ERR_PROXY_BAD_REQUEST): send CONNECT {host}:443 or an absolute URL for one of ${served}`;
  }
  return `grantform emulator proxy: ${what} refused (ERR_PROXY_HOST_REFUSED): this proxy reaches only the emulated vendor hosts (${served}; CONNECT to port 443) and never the network; send other hosts around it with NO_PROXY`;
}

/** `host:port` of a CONNECT target; `undefined` when it is not one. */
function connectTarget(target: string): { host: string; port: string } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+):(\d{1,5})$/i.exec(target);
  return m ? { host: m[1] ?? '', port: m[2] ?? '' } : undefined;
}

function bounded(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function refuseSocket(socket: Duplex, status: 400 | 403, message: string, code: ProxyErrorCode): void {
  const body = `${message}\n`;
  const reason = status === 403 ? 'Forbidden' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-grantform-error: ${code}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function refuseResponse(res: ServerResponse, status: 400 | 403, message: string, code: ProxyErrorCode): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-grantform-error': code,
    connection: 'close',
  });
  res.end(body);
}

/** Headers meant for the proxy, never passed on. */
const PROXY_HEADERS = ['proxy-connection', 'proxy-authorization', 'proxy-authenticate'];

/** The proxy server (not listening; `server.ts` binds it). {@link closeAll} ends every connection it holds. */
export function createVendorProxy(o: VendorProxyOptions): Server & { closeAll(): void } {
  const sockets = new Set<Duplex>();
  const server = createServer();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', track);

  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a client that goes away mid-handshake is not the proxy's error
    const target = connectTarget(req.url ?? '');
    if (target === undefined) {
      const message = refusalMessage('ERR_PROXY_BAD_REQUEST', `CONNECT ${bounded(req.url ?? '')}`, o.patterns);
      refuseSocket(socket, 400, message, 'ERR_PROXY_BAD_REQUEST');
      return;
    }
    if (target.port !== '443' || servedPatternOf(o.patterns, target.host) === undefined) {
      const message = refusalMessage('ERR_PROXY_HOST_REFUSED', `CONNECT ${bounded(req.url ?? '')}`, o.patterns);
      refuseSocket(socket, 403, message, 'ERR_PROXY_HOST_REFUSED');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    o.tunnel(socket, head);
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '';
    let url: URL | undefined;
    try {
      url = /^https?:\/\//i.test(raw) ? new URL(raw) : undefined;
    } catch {
      url = undefined;
    }
    if (url === undefined) {
      const message = refusalMessage('ERR_PROXY_BAD_REQUEST', `${req.method} ${bounded(raw)}`, o.patterns);
      refuseResponse(res, 400, message, 'ERR_PROXY_BAD_REQUEST');
      return;
    }
    // URL drops a scheme's default port: `port` is '' for http://…:80 and https://…:443.
    if (url.port !== '' || url.username !== '' || servedPatternOf(o.patterns, url.hostname) === undefined) {
      const message = refusalMessage(
        'ERR_PROXY_HOST_REFUSED',
        `${req.method} ${url.protocol}//${url.host}`,
        o.patterns,
      );
      refuseResponse(res, 403, message, 'ERR_PROXY_HOST_REFUSED');
      return;
    }
    for (const h of PROXY_HEADERS) delete req.headers[h];
    req.headers.host = url.host; // RFC 9112 §3.2.2: a proxy replaces Host with the request target's
    o.forward(req, res);
  });

  return Object.assign(server, {
    closeAll() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  });
}
