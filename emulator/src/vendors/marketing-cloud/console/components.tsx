/**
 * @module
 * The token table of Marketing Cloud's console pages (the tokens page, and the overview's latest tokens).
 */
import type { FC } from 'hono/jsx';
import { Empty, StateBadge, Tags, When } from '../../../console/components.js';
import type { TokenRow } from './model.js';

/** The token table; `compact` leaves out the id column (the overview). */
export const TokenTable: FC<{ rows: readonly TokenRow[]; now: number; caption: string; compact?: boolean }> = ({
  rows,
  now,
  caption,
  compact,
}) =>
  rows.length === 0 ? (
    <Empty text="No tokens match." />
  ) : (
    <div class="table-wrap">
      <table id="tokens">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Kind</th>
            <th scope="col">Package and client id</th>
            <th scope="col">Tenant and BU</th>
            <th scope="col">User</th>
            <th scope="col">Scopes</th>
            <th scope="col">Issued (UTC)</th>
            <th scope="col">Expires (UTC)</th>
            {compact ? null : <th scope="col">Id</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr data-token-kind={t.kind} data-client-id={t.clientId}>
              <td>
                <StateBadge state={t.state} />
              </td>
              <td>{t.kind}</td>
              <td>
                {t.packageName ?? <span class="muted">deleted package</span>}
                <br />
                <span class="mono muted">{t.clientId}</span>
              </td>
              <td>
                {t.tenantName}
                <br />
                <span class="mono muted">{t.mid}</span>
              </td>
              <td>{t.username ?? <span class="muted">{t.userId === null ? 'app user' : t.userId}</span>}</td>
              <td>
                <Tags items={t.scopes} />
              </td>
              <td>
                <When ms={t.issuedAt} now={now} />
              </td>
              <td>
                <When ms={t.expiresAt} now={now} />
              </td>
              {compact ? null : (
                <td class="mono" title="jti for access tokens, SHA-256 digest for codes and refresh tokens">
                  {t.id.slice(0, 10)}…
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
