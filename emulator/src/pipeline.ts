/**
 * @module
 * The request pipeline around the Hono app: the test-control stage (propagation, faults) before
 * routing, the request log after. It wraps `app.fetch` instead of being two `app.use('*')`
 * middlewares, so a route with one handler (the token endpoint among them) takes Hono's direct path
 * (no middleware composition, no extra promises) on every request.
 *
 * Routes name the client a request acted for with {@link noteClientId}; the log reads it back from
 * the request.
 */
import type { Context } from 'hono';
import { faultsStage } from './control/faults-stage.js';
import type { EmulatorContext } from './env.js';
import { hostOf, type RawRequestLogEntry } from './request-log.js';

const CLIENT_ID = Symbol('grantform.clientId');

type Noted = Request & { [CLIENT_ID]?: string };

/** Records the client a request acted for (shown in the request log). */
export function noteClientId(c: Context, clientId: string): void {
  (c.req.raw as Noted)[CLIENT_ID] = clientId;
}

type Fetch = (request: Request, env?: unknown, executionCtx?: never) => Response | Promise<Response>;

/** Wraps Hono's `fetch` with the control stage and the request log; `virtualPath` is the app's `getPath`. */
export function withPipeline(ctx: EmulatorContext, dispatch: Fetch, virtualPath: (req: Request) => string): Fetch {
  const control = faultsStage(ctx);
  const requestLogger = ctx.options.logger.request;
  const record = (req: Request, path: string, started: number, res: Response): Response => {
    const raw: RawRequestLogEntry = {
      atMs: ctx.nowMs(),
      method: req.method,
      virtualPath: path,
      requestHost: hostOf(req.url),
      status: res.status,
      clientId: (req as Noted)[CLIENT_ID],
      durationMs: performance.now() - started,
    };
    const id = ctx.log.add(raw);
    if (requestLogger) requestLogger(ctx.log.format(id, raw));
    return res;
  };
  const route = async (
    req: Request,
    path: string,
    started: number,
    env: unknown,
    executionCtx: never | undefined,
    early: Promise<Response | undefined>,
  ) => record(req, path, started, (await early) ?? (await dispatch(req, env, executionCtx)));
  return (req, env, executionCtx) => {
    const started = performance.now();
    const path = virtualPath(req); // memoised: Hono's `getPath` finds it again at the cost of one map get
    const early = control(req, path, env);
    if (early !== undefined) return route(req, path, started, env, executionCtx, early);
    const res = dispatch(req, env, executionCtx);
    return res instanceof Promise ? res.then((r) => record(req, path, started, r)) : record(req, path, started, res);
  };
}
