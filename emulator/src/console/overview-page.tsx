/**
 * @module
 * Console page: the overview. Each vendor's counts and panels (its profile's `console.cards` and
 * `console.overview`: Marketing Cloud's tenants, packages and latest tokens), then the count and the
 * latest requests, the fault rules and the clock form, each linking to its own page; with `--tls`, the TLS side (CA
 * fingerprint, proxy, host names served).
 */
import type { FC } from 'hono/jsx';
import type { EmulatorContext, OverviewCard } from '../env.js';
import { ClockForm } from './clock-page.js';
import { RequestTable } from './components.js';
import { FaultsSection } from './faults-page.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from './layout.js';
import { clientNames } from './model.js';
import { isConsoleRequest } from './requests-page.js';
import { TlsSection } from './tls-section.js';

const RECENT_REQUESTS = 10;

export const OverviewPage: FC<{ ctx: EmulatorContext; clock: ClockView }> = ({ ctx, clock }) => {
  const requests = ctx.log.query({ limit: ctx.options.requestLogSize }).filter((e) => !isConsoleRequest(e));
  const cards: OverviewCard[] = [];
  for (const v of ctx.vendors) cards.push(...(v.console?.cards?.(ctx.partition(v.partition), clock) ?? []));
  cards.push([requests.length, 'API requests logged', '/requests']);
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
      {ctx.vendors.map((v) => v.console?.overview?.(ctx.partition(v.partition), clock) ?? null)}
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
