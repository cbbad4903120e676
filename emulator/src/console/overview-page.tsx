/**
 * @module
 * Console page: the overview. Counts, the tenants with their packages, the latest tokens and requests,
 * the fault rules and the clock form, each linking to its own page; with `--tls`, the TLS side (CA
 * fingerprint, proxy, host names served).
 */
import type { FC } from 'hono/jsx';
import type { EmulatorContext } from '../env.js';
import { ClockForm } from './clock-page.js';
import { Empty, RequestTable, TokenTable } from './components.js';
import { FaultsSection } from './faults-page.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from './layout.js';
import { clientNames, tokenRows } from './model.js';
import { isConsoleRequest } from './requests-page.js';
import { TlsSection } from './tls-section.js';

const RECENT_TOKENS = 8;
const RECENT_REQUESTS = 10;

export const OverviewPage: FC<{ ctx: EmulatorContext; clock: ClockView }> = ({ ctx, clock }) => {
  const { store } = ctx;
  const tenants = store.tenants();
  const packages = tenants.flatMap((t) => store.packages(t.subdomain));
  const tokens = tokenRows(ctx, clock.nowMs);
  const requests = ctx.log.query({ limit: ctx.options.requestLogSize }).filter((e) => !isConsoleRequest(e));
  const cards: [number, string, string][] = [
    [tenants.length, 'tenants', '/tenants'],
    [packages.length, 'installed packages', '/packages'],
    [packages.filter((p) => p.integration).length, 'API integrations', '/packages'],
    [tokens.filter((t) => t.state === 'active').length, 'active tokens', '/tokens?state=active'],
    [requests.length, 'API requests logged', '/requests'],
  ];
  return (
    <ConsoleLayout title="Overview" current="overview" clock={clock}>
      <ul class="cards" aria-label="Counts">
        {cards.map(([n, label, path]) => (
          <li class="card">
            <a href={`${CONSOLE_PATH}${path}`}>
              <span class="num">{n}</span>
            </a>
            <span class="label">{label}</span>
          </li>
        ))}
      </ul>
      <section class="panel" aria-labelledby="overview-tenants">
        <h2 id="overview-tenants">Tenants</h2>
        {tenants.length === 0 ? (
          <Empty text="No tenants yet. Seed a manifest (grantform emulator --seed) or use the admin API." />
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Tenant</th>
                  <th scope="col">Subdomain</th>
                  <th scope="col" class="num">
                    Business units
                  </th>
                  <th scope="col">Installed packages</th>
                </tr>
              </thead>
              <tbody>
                {tenants.map((t) => (
                  <tr>
                    <th scope="row">
                      <a href={`${CONSOLE_PATH}/tenants#tenant-${t.subdomain}`}>{t.name}</a>
                    </th>
                    <td class="mono">{t.subdomain}</td>
                    <td class="num">{t.businessUnits.length}</td>
                    <td>
                      {store
                        .packages(t.subdomain)
                        .map((p) => (p.integration ? `${p.name} (${p.integration.type})` : p.name))
                        .join(', ') || <span class="muted">none</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="overview-tokens">
        <h2 id="overview-tokens">
          Latest tokens <a href={`${CONSOLE_PATH}/tokens`}>(all {tokens.length})</a>
        </h2>
        <TokenTable
          rows={tokens.slice(0, RECENT_TOKENS)}
          compact={true}
          now={clock.nowMs}
          caption={`The ${Math.min(RECENT_TOKENS, tokens.length)} newest`}
        />
      </section>
      <section class="panel" aria-labelledby="overview-requests">
        <h2 id="overview-requests">
          Latest requests <a href={`${CONSOLE_PATH}/requests`}>(all {requests.length})</a>
        </h2>
        <RequestTable
          rows={requests.slice(0, RECENT_REQUESTS)}
          clientNames={clientNames(ctx)}
          caption={`The ${Math.min(RECENT_REQUESTS, requests.length)} newest (console pages not shown)`}
        />
      </section>
      <TlsSection ctx={ctx} />
      <FaultsSection ctx={ctx} />
      <section class="panel" aria-labelledby="overview-clock">
        <h2 id="overview-clock">Clock</h2>
        <ClockForm returnTo={CONSOLE_PATH} />
      </section>
    </ConsoleLayout>
  );
};
