/**
 * @module
 * The request log behind `GET /_emulator/requests`: a ring buffer of metadata only. No bodies, no
 * query strings, no headers, so no secret can end up here.
 */
import { type HostRule, hostOfVirtualPath, originOf } from './addressing.js';

export interface RequestLogEntry {
  id: number;
  at: string;
  method: string;
  /** The vendor host (`{tssd}.auth.marketingcloudapis.com`, `api.cc.email`) or the emulator's own host. */
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

/** `host[:port]` of a URL string. */
export function hostOf(url: string): string {
  return originOf(url).slice(url.indexOf('://') + 3);
}

/** An entry as the log shows it: the vendor host and path a virtual path stands for (`hosts`: the vendors' rules). */
export function formatEntry(id: number, r: RawRequestLogEntry, hosts: readonly HostRule[]): RequestLogEntry {
  const vendor = hostOfVirtualPath(hosts, r.virtualPath);
  const e: RequestLogEntry = {
    id,
    at: new Date(r.atMs).toISOString(),
    method: r.method,
    host: vendor?.host ?? r.requestHost,
    path: vendor?.path ?? r.virtualPath,
    status: r.status,
    durationMs: Math.round(r.durationMs * 100) / 100,
  };
  if (r.clientId !== undefined) e.clientId = r.clientId;
  return e;
}

export class RequestLog {
  private raw: RawRequestLogEntry[] = [];
  private firstId = 1;
  /** @param hosts the vendors' host rules, to show each entry's host name */
  constructor(
    private readonly size: number,
    private readonly hosts: readonly HostRule[],
  ) {}

  /** An entry as the log shows it. */
  format(id: number, raw: RawRequestLogEntry): RequestLogEntry {
    return formatEntry(id, raw, this.hosts);
  }

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
      const e = this.format(this.firstId + i, r);
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
