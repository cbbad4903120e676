/**
 * @module
 * Marketing Cloud's part of the console overview: its counts (tenants, packages, integrations, active
 * tokens) and panels (the tenants with their packages, the latest tokens).
 */
import type { FC } from 'hono/jsx';
import { Empty } from '../../../console/components.js';
import { type ClockView, CONSOLE_PATH } from '../../../console/layout.js';
import type { OverviewCard } from '../../../env.js';
import type { McContext } from '../context.js';
import { TokenTable } from './components.js';
import { tokenRows } from './model.js';

const RECENT_TOKENS = 8;

/** The counts on the overview. */
export function overviewCards(ctx: McContext, clock: ClockView): OverviewCard[] {
  const { store } = ctx;
  const tenants = store.tenants();
  const packages = tenants.flatMap((t) => store.packages(t.subdomain));
  const tokens = tokenRows(ctx, clock.nowMs);
  return [
    [tenants.length, 'tenants', '/tenants'],
    [packages.length, 'installed packages', '/packages'],
    [packages.filter((p) => p.integration).length, 'API integrations', '/packages'],
    [tokens.filter((t) => t.state === 'active').length, 'active tokens', '/tokens?state=active'],
  ];
}

/** The panels on the overview: tenants with their packages, and the latest tokens. */
export const OverviewPanels: FC<{ ctx: McContext; clock: ClockView }> = ({ ctx, clock }) => {
  const { store } = ctx;
  const tenants = store.tenants();
  const tokens = tokenRows(ctx, clock.nowMs);
  return (
    <>
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
    </>
  );
};
