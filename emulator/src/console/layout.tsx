/**
 * @module
 * The shared page shell of the web console and the `/v2/authorize` pages: one document skeleton,
 * one stylesheet ({@link STYLESHEET}), two variants. {@link ConsoleLayout} has the console's top bar
 * (navigation, from {@link ConsoleNav}, and the emulator clock); {@link CardLayout} is a narrow card
 * for the vendors' login and consent pages, with the stylesheet inlined because those pages are
 * served on vendor hosts.
 *
 * @example
 * c.html(<ConsoleLayout title="Tokens" current="tokens" clock={clockView(ctx)}>…</ConsoleLayout>)
 */
import { raw } from 'hono/html';
import { type Child, createContext, type FC, type PropsWithChildren, useContext } from 'hono/jsx';
import { formatInstant, formatOffset } from './format.js';
import { STYLESHEET, STYLESHEET_PATH } from './styles.js';

/** Where the console lives on the emulator's base URL. */
export const CONSOLE_PATH = '/_emulator/console';

/** A page in the console's navigation: key, path below {@link CONSOLE_PATH}, label. */
export type ConsoleNavItem = readonly [key: string, path: string, label: string];

/** The core's pages before the vendors' (`overview`) and after them (`requests`, `faults`, `clock`). */
export const CORE_PAGES_BEFORE: readonly ConsoleNavItem[] = [['overview', '', 'Overview']];
export const CORE_PAGES_AFTER: readonly ConsoleNavItem[] = [
  ['requests', '/requests', 'Requests'],
  ['faults', '/faults', 'Faults'],
  ['clock', '/clock', 'Clock'],
];

/**
 * The navigation of this emulator's console (the core's pages around each vendor's), provided by
 * the console routes around every page they render.
 */
export const ConsoleNav = createContext<readonly ConsoleNavItem[]>([...CORE_PAGES_BEFORE, ...CORE_PAGES_AFTER]);

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
export const ConsoleLayout: FC<PropsWithChildren<{ title: string; current: string | null; clock: ClockView }>> = (
  p,
) => {
  const pages = useContext(ConsoleNav);
  return (
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
              {pages.map(([key, path, label]) => (
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
};

/** The narrow card of the authorize login and consent pages (stylesheet inlined); `brand` names the vendor. */
export const CardLayout: FC<PropsWithChildren<{ title: string; brand: string }>> = ({ title, brand, children }) => (
  <Document title={title} bodyClass="card-page" head={<style>{raw(STYLESHEET)}</style>}>
    <main>
      <section class="panel">
        <p class="card-brand">{brand}</p>
        {children}
      </section>
    </main>
  </Document>
);
