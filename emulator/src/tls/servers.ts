/**
 * @module
 * Everything `--tls` needs before `server.ts` binds its ports: the TLS directory (CA), the leaf issuer,
 * the HTTPS server and the forward proxy, wired so the proxy hands its tunnels to that HTTPS server in
 * process. `server.ts` imports this module only when `tls` is set, so an emulator without `--tls` never
 * loads the X.509 and PKCS#12 libraries.
 */
import type { Server as HttpsServer } from 'node:https';
import { getRequestListener } from '@hono/node-server';
import { openTlsDir, type TlsDir } from './ca-dir.js';
import { permittedSubtrees, type ServedHostPattern } from './hosts.js';
import { createHttpsServer } from './https-server.js';
import { createLeafIssuer, type LeafIssuer } from './issuer.js';
import { createVendorProxy } from './proxy.js';

export interface TlsServers {
  readonly dir: TlsDir;
  readonly issuer: LeafIssuer;
  /** Not listening: bound only with `--tls-port`; the proxy's tunnels reach it in process. */
  readonly https: HttpsServer;
  /** Not listening. */
  readonly proxy: ReturnType<typeof createVendorProxy>;
}

export async function createTlsServers(o: {
  readonly dir: string;
  readonly patterns: readonly ServedHostPattern[];
  readonly fetch: (request: Request, env: unknown) => Response | Promise<Response>;
  readonly warn?: (message: string) => void;
}): Promise<TlsServers> {
  const dir = await openTlsDir(o.dir, { subtrees: permittedSubtrees(o.patterns), ...(o.warn ? { warn: o.warn } : {}) });
  const issuer = createLeafIssuer(dir.ca, o.patterns);
  const https = createHttpsServer(issuer, o.fetch);
  const proxy = createVendorProxy({
    patterns: o.patterns,
    tunnel: (socket, head) => {
      if (head.length > 0) socket.unshift(head);
      https.emit('connection', socket);
    },
    forward: getRequestListener(o.fetch),
  });
  return { dir, issuer, https, proxy };
}
