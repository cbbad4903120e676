/**
 * @module
 * The shared page shell of the web console and the `/v2/authorize` pages: one document skeleton,
 * one stylesheet ({@link STYLESHEET}), two variants. {@link ConsoleLayout} has the console's top bar
 * (navigation and the emulator clock); {@link CardLayout} is a narrow card for the login and consent
 * pages, with the stylesheet inlined because those pages are served on tenant hosts.
 *
 * @example
 * c.html(<ConsoleLayout title="Tokens" current="tokens" clock={clockView(ctx)}>…</ConsoleLayout>)
 */
import { raw } from 'hono/html';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { formatInstant, formatOffset } from './format.js';
import { STYLESHEET, STYLESHEET_PATH } from './styles.js';

/** Where the console lives on the emulator's base URL. */
export const CONSOLE_PATH = '/_emulator/console';

/** The console's pages, in navigation order: key, path below {@link CONSOLE_PATH}, label. */
export const CONSOLE_PAGES = [
  ['overview', '', 'Overview'],
  ['tenants', '/tenants', 'Tenants'],
  ['packages', '/packages', 'Packages'],
  ['tokens', '/tokens', 'Tokens'],
  ['requests', '/requests', 'Requests'],
  ['faults', '/faults', 'Faults'],
  ['clock', '/clock', 'Clock'],
] as const;

export type ConsolePage = (typeof CONSOLE_PAGES)[number][0];

/** The emulator clock as the header shows it. */
export interface ClockView {
  readonly nowMs: number;
  readonly offsetMs: number;
}

const Document: FC<PropsWithChildren<{ title: string; head: Child; bodyClass: string }>> = (p) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
        {p.head}
      </head>
      <body class={p.bodyClass}>{p.children}</body>
    </html>
  </>
);

/** A console page: top bar with navigation and clock, then `children` in `<main>`. */
export const ConsoleLayout: FC<PropsWithChildren<{ title: string; current: ConsolePage | null; clock: ClockView }>> = (
  p,
) => (
  <Document
    title={`${p.title} · grantform emulator`}
    bodyClass="console"
    head={<link rel="stylesheet" href={STYLESHEET_PATH} />}
  >
    <a class="skip" href="#content">
      Skip to content
    </a>
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href={CONSOLE_PATH}>
          grantform emulator<small>console</small>
        </a>
        <nav aria-label="Console">
          <ul class="nav">
            {CONSOLE_PAGES.map(([key, path, label]) => (
              <li>
                <a href={`${CONSOLE_PATH}${path}`} aria-current={key === p.current ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="clock" id="clock-now">
          Clock{' '}
          <a href={`${CONSOLE_PATH}/clock`}>
            <time datetime={new Date(p.clock.nowMs).toISOString()}>{formatInstant(p.clock.nowMs)}</time>
          </a>
          {p.clock.offsetMs === 0 ? null : <span> ({formatOffset(p.clock.offsetMs)})</span>}
        </p>
      </div>
    </header>
    <main id="content">
      <h1>{p.title}</h1>
      {p.children}
    </main>
  </Document>
);

/** The narrow card of the `/v2/authorize` login and consent pages (stylesheet inlined). */
export const CardLayout: FC<PropsWithChildren<{ title: string; brand?: string }>> = ({ title, brand, children }) => (
  <Document title={title} bodyClass="card-page" head={<style>{raw(STYLESHEET)}</style>}>
    <main>
      <section class="panel">
        <p class="card-brand">{brand ?? 'Marketing Cloud · grantform emulator'}</p>
        {children}
      </section>
    </main>
  </Document>
);
