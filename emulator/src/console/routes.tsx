/**
 * @module
 * The emulator's web console, `/_emulator/console/*` on the base URL: server-rendered pages (hono/jsx,
 * no scripts, no external assets): the overview, each vendor's pages (its profile's `console.pages`:
 * Marketing Cloud's tenants, packages and tokens), the request log, fault rules and the clock.
 * Everything is read-only except the clock form (POST + redirect, same-origin only). Every page
 * passes the admin API's Host/Origin guard first (`../admin/guard.ts`). When the emulator has an admin
 * token, every page but the stylesheet needs it (see `./auth.tsx`).
 *
 * @example
 * app.route(CONSOLE_PATH, consoleRoutes(ctx)); // before the admin routes
 */
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { Child } from 'hono/jsx';
import { adminGuard } from '../admin/guard.js';
import type { EmulatorContext } from '../env.js';
import { consoleAuth } from './auth.js';
import { ClockPage } from './clock-page.js';
import { FaultsPage } from './faults-page.js';
import {
  type ClockView,
  CONSOLE_PATH,
  CORE_PAGES_AFTER,
  CORE_PAGES_BEFORE,
  ConsoleLayout,
  ConsoleNav,
  type ConsoleNavItem,
} from './layout.js';
import { OverviewPage } from './overview-page.js';
import { RequestsPage } from './requests-page.js';
import { STYLESHEET } from './styles.js';

export { CONSOLE_PATH } from './layout.js';

/** Largest single clock advance the form accepts: one year. */
const MAX_ADVANCE_SECONDS = 365 * 86_400;

const CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A `return` target is followed only when it is a console path (no open redirect). */
function safeReturn(value: unknown): string {
  if (typeof value !== 'string') return CONSOLE_PATH;
  const ok = value === CONSOLE_PATH || value.startsWith(`${CONSOLE_PATH}/`) || value.startsWith(`${CONSOLE_PATH}?`);
  return ok && !/[\\\s]|\/\//.test(value) ? value : CONSOLE_PATH;
}

export function consoleRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const clock = (): ClockView => ({ nowMs: ctx.nowMs(), offsetMs: ctx.clock.offsetMs });
  const vendorPages = ctx.vendors.flatMap((v) =>
    (v.console?.pages ?? []).map((p) => ({ spec: p, state: ctx.partition(v.partition) })),
  );
  const nav: readonly ConsoleNavItem[] = [
    ...CORE_PAGES_BEFORE,
    ...vendorPages.map(({ spec }): ConsoleNavItem => [spec.key, spec.path, spec.label]),
    ...CORE_PAGES_AFTER,
  ];
  const page = (c: Context, body: Child, status: 200 | 400 | 404 = 200) => {
    c.header('cache-control', 'no-store');
    return c.html(<ConsoleNav.Provider value={nav}>{body}</ConsoleNav.Provider>, status);
  };

  app.use('*', adminGuard(ctx, { json: false })); // Host and Origin checks (admin/guard.ts), before anything else
  app.get('/styles.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(STYLESHEET);
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });
  // `/_emulator/console/` (and any page with a trailing slash) is that page: redirect to its one URL.
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (!path.endsWith('/')) return next();
    return c.redirect(`${path.replace(/\/+$/, '')}${new URL(c.req.url).search}`, 308);
  });
  app.use('*', consoleAuth(ctx));

  app.get('/', (c) => page(c, <OverviewPage ctx={ctx} clock={clock()} />));
  for (const { spec, state } of vendorPages) app.get(spec.path, (c) => page(c, spec.render(c, state, clock())));
  app.get('/requests', (c) =>
    page(
      c,
      <RequestsPage
        ctx={ctx}
        clock={clock()}
        filter={{
          host: c.req.query('host'),
          path: c.req.query('path'),
          status: c.req.query('status'),
          client: c.req.query('client'),
          console: c.req.query('console'),
        }}
      />,
    ),
  );
  app.get('/faults', (c) => page(c, <FaultsPage ctx={ctx} clock={clock()} />));
  app.get('/clock', (c) => page(c, <ClockPage clock={clock()} />));

  app.post('/clock', csrf(), async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const raw = typeof form.preset === 'string' ? form.preset : form.advanceSeconds;
    const seconds = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_ADVANCE_SECONDS) {
      const error = `Advance by a whole number of seconds between 1 and ${MAX_ADVANCE_SECONDS}.`;
      return page(c, <ClockPage clock={clock()} error={error} />, 400);
    }
    ctx.clock.offsetMs += seconds * 1000;
    await ctx.options.persistence.commit();
    return c.redirect(safeReturn(form.return), 303);
  });

  app.all('*', (c) =>
    page(
      c,
      <ConsoleLayout title="Not found" current={null} clock={clock()}>
        <p>
          The console has no page at <code>{c.req.path}</code>. Start at the <a href={CONSOLE_PATH}>overview</a>.
        </p>
      </ConsoleLayout>,
      404,
    ),
  );
  return app;
}
