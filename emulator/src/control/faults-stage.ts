/**
 * @module
 * The test-control stage of the request pipeline (`../pipeline.ts`): before each request, runs the
 * vendors' due work (`beforeRequest`: integration changes whose propagation delay has passed), then
 * lets the first matching fault rule act on requests to vendor hosts, answering in that vendor's
 * shapes. Returns a response to send instead of routing, or `undefined` to route.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../env.js';
import type { FaultContribution, FaultTarget } from './faults.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The client a request acts for: the presented token's claim, else the body (the vendor's way first). */
async function clientIdOf(req: Request, target: FaultTarget, vendor: FaultContribution): Promise<string | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (bearer) return claimClientId(bearer);
  if (req.method !== 'POST') return undefined;
  const text = await req
    .clone()
    .text()
    .catch(() => '');
  const own = vendor.clientIdFromBody?.(target, text);
  if (own !== undefined) return own;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const id = body.client_id ?? body.clientId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    const form = new URLSearchParams(text);
    return form.get('client_id') ?? form.get('clientId') ?? undefined;
  }
}

function incomingOf(env: unknown): IncomingMessage | undefined {
  if (typeof env === 'object' && env !== null && 'incoming' in env)
    return (env as { incoming: IncomingMessage }).incoming;
  return undefined;
}

/** The token claim `client_id` of a JWT, without verifying it (only to match fault rules). */
export function claimClientId(token: string): string | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { client_id?: unknown };
    return typeof claims.client_id === 'string' ? claims.client_id : undefined;
  } catch {
    return undefined;
  }
}

/** A control stage for `ctx`: `(request, its virtual path, env) → Response | undefined`. */
export function faultsStage(
  ctx: EmulatorContext,
): (req: Request, path: string, env: unknown) => Promise<Response | undefined> | undefined {
  const random = () => {
    const b = ctx.options.randomBytes(4);
    return (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
  };
  // Each vendor's due work, bound to its state once.
  const dueWork = ctx.vendors.flatMap((v) => {
    const run = v.beforeRequest;
    if (run === undefined) return [];
    const state = ctx.partition(v.partition);
    return [() => run.call(v, state)];
  });
  const faulted = ctx.vendors.flatMap((v) => (v.faults === undefined ? [] : [v.faults]));
  const targetOf = (path: string, method: string) => {
    for (const vendor of faulted) {
      const target = vendor.target(path, method);
      if (target !== undefined) return { vendor, target };
    }
    return undefined;
  };
  const act = async (
    req: Request,
    target: FaultTarget,
    vendor: FaultContribution,
    env: unknown,
  ): Promise<Response | undefined> => {
    const control = ctx.control;
    const clientId = control.faults.needsClientId() ? await clientIdOf(req, target, vendor) : undefined;
    const rule = control.faults.take(target, clientId, () => random() / 2 ** 32);
    if (!rule) return undefined;
    ctx.options.persistence.touch(); // hit counts and `times` left: batched, like tokens
    const action = rule.action;
    switch (action.type) {
      case 'latency':
        await sleep(action.ms);
        return undefined;
      case 'malformed-json':
        return vendor.malformedResponse(target);
      case 'drop': {
        const incoming = incomingOf(env);
        if (incoming) {
          // A real connection: close the socket; the response below is never written.
          incoming.socket.destroy();
          return new Response(null, { status: 204 });
        }
        // In-process (`app.request`): the body fails when read, as a dropped connection would.
        const body = new ReadableStream({
          start(controller) {
            controller.error(new Error('connection dropped (injected fault)'));
          },
        });
        return new Response(body, { status: 200 });
      }
      case 'error':
        return vendor.errorResponse(target, action);
    }
  };
  // Synchronous unless a fault rule exists: the common case costs a few checks and no promise.
  return (req, path, env) => {
    for (const run of dueWork) if (run()) ctx.options.persistence.touch();
    const control = ctx.control;
    if (control.faults.size === 0) return undefined;
    const hit = targetOf(path, req.method.toUpperCase());
    return hit ? act(req, hit.target, hit.vendor, env) : undefined;
  };
}
