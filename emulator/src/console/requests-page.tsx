/**
 * @module
 * Console page: the request log (metadata only: no bodies, query strings or headers) with a plain GET
 * filter form: host, path prefix, status (`401` or a class such as `4xx`) and client id. The console's
 * own page views are hidden unless asked for.
 */
import type { FC } from 'hono/jsx';
import type { EmulatorContext } from '../env.js';
import type { RequestLogEntry } from '../request-log.js';
import { RequestTable, SelectFilter } from './components.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from './layout.js';
import { clientNames } from './model.js';

export interface RequestFilter {
  readonly host?: string | undefined;
  readonly path?: string | undefined;
  readonly status?: string | undefined;
  readonly client?: string | undefined;
  /** `1` also lists the console's own page views (hidden by default). */
  readonly console?: string | undefined;
}

/** Whether a log entry is a view of the console itself (page or stylesheet). */
export const isConsoleRequest = (e: RequestLogEntry): boolean =>
  e.path === CONSOLE_PATH || e.path.startsWith(`${CONSOLE_PATH}/`);

/** At most this many rows are rendered. */
export const REQUEST_ROWS = 200;

const STATUS = /^([1-5])(?:(\d\d)|xx)$/i;

/** Applies the filter; returns the rows (newest first, at most {@link REQUEST_ROWS}) and any problem. */
export function filterRequests(
  ctx: EmulatorContext,
  f: RequestFilter,
): { rows: RequestLogEntry[]; total: number; problem?: string } {
  const host = f.host?.trim() || undefined;
  const path = f.path?.trim() || undefined;
  const status = f.status?.trim() || undefined;
  const client = f.client?.trim() || undefined;
  const m = status === undefined ? null : STATUS.exec(status);
  const withConsole = f.console === '1';
  const all = ctx.log.query({ limit: ctx.options.requestLogSize });
  const rows = all.filter(
    (e) =>
      (withConsole || !isConsoleRequest(e)) &&
      (host === undefined || e.host.toLowerCase() === host.toLowerCase()) &&
      (path === undefined || e.path.startsWith(path)) &&
      (m === null || (m[2] === undefined ? String(e.status).charAt(0) === m[1] : String(e.status) === status)) &&
      (client === undefined || e.clientId === client),
  );
  const problem =
    status !== undefined && m === null
      ? `Status "${status}" is neither a code (401) nor a class (4xx); ignored.`
      : undefined;
  return { rows: rows.slice(0, REQUEST_ROWS), total: all.length, ...(problem ? { problem } : {}) };
}

export const RequestsPage: FC<{ ctx: EmulatorContext; clock: ClockView; filter: RequestFilter }> = ({
  ctx,
  clock,
  filter,
}) => {
  const { rows, total, problem } = filterRequests(ctx, filter);
  const everything = ctx.log.query({ limit: ctx.options.requestLogSize });
  const hosts = [...new Set(everything.map((e) => e.host))].sort();
  const names = clientNames(ctx);
  const clients = [
    ...new Set([...everything.flatMap((e) => (e.clientId ? [e.clientId] : [])), ...names.keys()]),
  ].sort();
  return (
    <ConsoleLayout title="Request log" current="requests" clock={clock}>
      <p>
        The last {ctx.options.requestLogSize} requests, newest first: method, host, path, status and client only.
        Request bodies, query strings and headers are never recorded.
      </p>
      <section class="panel" aria-labelledby="request-filters">
        <h2 id="request-filters">Filter</h2>
        <form class="inline" method="get" action={`${CONSOLE_PATH}/requests`}>
          <SelectFilter label="Host" name="host" options={hosts} selected={filter.host} />
          <label>
            Path starts with
            <input name="path" value={filter.path ?? ''} placeholder="/v2/token" size={16} />
          </label>
          <label>
            Status
            <input name="status" value={filter.status ?? ''} placeholder="401 or 4xx" size={8} />
          </label>
          <SelectFilter
            label="Client id"
            name="client"
            options={clients}
            selected={filter.client}
            text={(id) => (names.has(id) ? `${id} (${names.get(id)})` : id)}
          />
          <label class="check">
            <input type="checkbox" name="console" value="1" checked={filter.console === '1'} />
            Include console pages
          </label>
          <button type="submit">Apply</button>
          <a class="button secondary" href={`${CONSOLE_PATH}/requests`}>
            Clear
          </a>
        </form>
      </section>
      {problem ? (
        <p class="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      <RequestTable
        rows={rows}
        clientNames={names}
        caption={`${rows.length} shown of ${total} logged${rows.length === REQUEST_ROWS ? ` (first ${REQUEST_ROWS})` : ''}`}
      />
    </ConsoleLayout>
  );
};
