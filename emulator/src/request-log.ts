/**
 * @module
 * The request log behind `GET /_emulator/requests`: a ring buffer of metadata only. No bodies, no
 * query strings, no headers, so no secret can end up here.
 */
import { exactTargetAuthHost, type MarketingCloudHostKind, marketingCloudHost } from '@grantform/config/hosts';
import { originOf } from './addressing.js';

export interface RequestLogEntry {
  id: number;
  at: string;
  method: string;
  /** The virtual host (`{tssd}.auth.marketingcloudapis.com`) or the emulator's own host. */
  host: string;
  /** Path within the host, without the query string. */
  path: string;
  status: number;
  clientId?: string;
  durationMs: number;
}

export interface RequestLogQuery {
  host?: string;
  path?: string;
  status?: number;
  limit: number;
}

/** What the hot path records: raw values only; formatting happens when the log is read. */
export interface RawRequestLogEntry {
  atMs: number;
  method: string;
  /** The app's virtual path (`/~auth/{tssd}/p/v2/token`) or a base path. */
  virtualPath: string;
  /** Host of the request URL, shown for base-URL paths (never the URL: its query may hold secrets). */
  requestHost: string;
  status: number;
  clientId: string | undefined;
  durationMs: number;
}

const VIRTUAL = /^\/~(auth|rest|soap)\/([^/]+)\/[hp](.*)$/;
/** Legacy ExactTarget auth hosts: `/~legacy/{default|sN|test}/…` → `auth[-sN|-test].exacttargetapis.com`. */
const LEGACY = /^\/~legacy\/([^/]+)\/[hp](.*)$/;

/** `host[:port]` of a URL string. */
export function hostOf(url: string): string {
  return originOf(url).slice(url.indexOf('://') + 3);
}

export function formatEntry(id: number, r: RawRequestLogEntry): RequestLogEntry {
  const m = VIRTUAL.exec(r.virtualPath);
  const l = m ? null : LEGACY.exec(r.virtualPath);
  const legacyHost = l ? exactTargetAuthHost(l[1]!) : undefined;
  const e: RequestLogEntry = {
    id,
    at: new Date(r.atMs).toISOString(),
    method: r.method,
    host: m ? marketingCloudHost(m[2]!, m[1] as MarketingCloudHostKind) : (legacyHost ?? r.requestHost),
    path: m ? m[3] || '/' : l ? l[2] || '/' : r.virtualPath,
    status: r.status,
    durationMs: Math.round(r.durationMs * 100) / 100,
  };
  if (r.clientId !== undefined) e.clientId = r.clientId;
  return e;
}

export class RequestLog {
  private raw: RawRequestLogEntry[] = [];
  private firstId = 1;
  constructor(private readonly size: number) {}

  /** Records a request (cheap: one push; trimmed in bulk). Returns its id. */
  add(entry: RawRequestLogEntry): number {
    this.raw.push(entry);
    if (this.raw.length > this.size * 2) {
      const drop = this.raw.length - this.size;
      this.raw = this.raw.slice(drop);
      this.firstId += drop;
    }
    return this.firstId + this.raw.length - 1;
  }

  /** Newest first; `host` exact (case-insensitive), `path` prefix, `status` exact. */
  query(q: RequestLogQuery): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    const host = q.host?.toLowerCase();
    const start = Math.max(0, this.raw.length - this.size);
    for (let i = this.raw.length - 1; i >= start && out.length < q.limit; i--) {
      const r = this.raw[i];
      if (!r) continue;
      const e = formatEntry(this.firstId + i, r);
      if (host !== undefined && e.host.toLowerCase() !== host) continue;
      if (q.path !== undefined && !e.path.startsWith(q.path)) continue;
      if (q.status !== undefined && e.status !== q.status) continue;
      out.push(e);
    }
    return out;
  }
  clear(): void {
    this.firstId += this.raw.length;
    this.raw = [];
  }
}
