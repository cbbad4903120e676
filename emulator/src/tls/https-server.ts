/**
 * @module
 * The emulator's HTTPS side: a `node:https` server (never listening here; `server.ts` binds ports)
 * whose SNI callback takes its certificate from the leaf issuer, so a handshake succeeds only for a
 * served vendor host name, and a client that sends no server name gets no certificate at all. Each
 * request must then name, in `Host` (and in an absolute request URL), the very host the TLS server name
 * was: otherwise 421 Misdirected Request (RFC 9110 §15.5.20). Requests go to the emulator's `fetch` as
 * `https://{host}/…`, so the app routes them by host exactly as it routes a `Host` header today and
 * answers with the vendors' `https://` URLs. Because the host is always a vendor name, the admin API and
 * the console (which answer only to the emulator's own names) are never reachable over TLS.
 */
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createAdaptorServer } from '@hono/node-server';
import type { LeafIssuer } from './issuer.js';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/** The host name of a `Host` value or URL authority (lower case, no port, no trailing dot). */
function hostnameOf(authority: string): string {
  const bare = authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : authority.replace(/:\d*$/, '');
  const lower = bare.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function misdirected(servername: string, named: string): Response {
  const body = {
    error: 'misdirected_request',
    error_description: `This TLS connection is for ${servername}; the request named ${JSON.stringify(named.slice(0, 100))}. Open a connection for that host.`,
  };
  return new Response(JSON.stringify(body), { status: 421, headers: { 'content-type': 'application/json' } });
}

/** The HTTPS server for `fetch` (see the module comment). */
export function createHttpsServer(issuer: LeafIssuer, fetch: Fetch): Server {
  return createAdaptorServer({
    createServer,
    serverOptions: {
      minVersion: 'TLSv1.2',
      SNICallback: (servername, done) => {
        try {
          done(null, issuer.secureContext(servername));
        } catch (err) {
          done(err as Error, undefined);
        }
      },
    },
    fetch: (request, env) => {
      const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const servername = hostnameOf(String((incoming?.socket as TLSSocket | undefined)?.servername ?? ''));
      const host = incoming?.headers.host ?? '';
      const urlHost = new URL(request.url).host;
      if (servername === '' || hostnameOf(host) !== servername) return misdirected(servername, host);
      if (hostnameOf(urlHost) !== servername) return misdirected(servername, urlHost);
      return fetch(request, env);
    },
  }) as Server;
}
