/**
 * @module
 * Small building blocks shared by the console pages, the core's and the vendors': state badges, scope
 * tags, times on the emulator clock, the request table, filters.
 */
import type { FC } from 'hono/jsx';
import type { RequestLogEntry } from '../request-log.js';
import { formatInstant, formatRelative } from './format.js';

/** A record's state (`active`, `expired`, `used`, `revoked`) as a coloured badge. */
export const StateBadge: FC<{ state: string }> = ({ state }) => (
  <span class={`badge badge-${state}`} data-state={state}>
    {state}
  </span>
);

export const Tags: FC<{ items: readonly string[]; empty?: string }> = ({ items, empty }) =>
  items.length === 0 ? (
    <span class="muted">{empty ?? 'none'}</span>
  ) : (
    <ul class="tags">
      {items.map((s) => (
        <li>{s}</li>
      ))}
    </ul>
  );

/** An instant with its distance from the emulator's `now`. */
export const When: FC<{ ms: number; now: number }> = ({ ms, now }) => (
  <span class="nowrap">
    <time datetime={new Date(ms).toISOString()} title={formatInstant(ms)}>
      {formatInstant(ms, 'short')}
    </time>
    <br />
    <span class="muted">{formatRelative(ms, now)}</span>
  </span>
);

export const Empty: FC<{ text: string }> = ({ text }) => <p class="empty">{text}</p>;

export const RequestTable: FC<{
  rows: readonly RequestLogEntry[];
  clientNames: ReadonlyMap<string, string>;
  caption: string;
}> = ({ rows, clientNames, caption }) =>
  rows.length === 0 ? (
    <Empty text="No requests match." />
  ) : (
    <div class="table-wrap">
      <table id="requests">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              #
            </th>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Method</th>
            <th scope="col">Host</th>
            <th scope="col">Path</th>
            <th scope="col" class="num">
              Status
            </th>
            <th scope="col">Client</th>
            <th scope="col" class="num">
              ms
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-status={String(r.status)}>
              <td class="num">{r.id}</td>
              <td class="nowrap">
                <time datetime={r.at} title={formatInstant(Date.parse(r.at))}>
                  {formatInstant(Date.parse(r.at), 'short')}
                </time>
              </td>
              <td>{r.method}</td>
              <td class="mono">{r.host}</td>
              <td class="mono">{r.path}</td>
              <td class={`num status-${String(r.status).charAt(0)}`}>{r.status}</td>
              <td>
                {r.clientId === undefined ? (
                  <span class="muted">–</span>
                ) : (
                  <>
                    <span class="mono">{r.clientId}</span>
                    {clientNames.has(r.clientId) ? <span class="muted"> ({clientNames.get(r.clientId)})</span> : null}
                  </>
                )}
              </td>
              <td class="num">{r.durationMs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** A labelled `<select>` of a GET filter form: "any" first, then the options (value → shown text). */
export const SelectFilter: FC<{
  label: string;
  name: string;
  options: readonly string[];
  selected: string | undefined;
  text?: (value: string) => string;
}> = ({ label, name, options, selected, text }) => (
  <label>
    {label}
    <select name={name}>
      <option value="">any</option>
      {options.map((v) => (
        <option value={v} selected={selected === v}>
          {text ? text(v) : v}
        </option>
      ))}
    </select>
  </label>
);
