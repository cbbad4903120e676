/**
 * @module
 * The test-control stage of the request pipeline (`../pipeline.ts`): before each request, applies
 * integration changes whose propagation delay has passed, then lets the first matching fault rule act
 * on requests to vendor hosts. Returns a response to send instead of routing, or `undefined` to route.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../env.js';
import { errorFaultResponse, malformedResponse } from '../vendors/marketing-cloud/faults.js';
import { type FaultTarget, faultTarget } from './faults.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function claimClientId(token: string): string | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { client_id?: unknown };
    return typeof claims.client_id === 'string' ? claims.client_id : undefined;
  } catch {
    return undefined;
  }
}

/** The client a request acts for: body `client_id`/`clientId`, else the presented token's claim. */
async function clientIdOf(req: Request, target: FaultTarget): Promise<string | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (bearer) return claimClientId(bearer);
  if (req.method !== 'POST') return undefined;
  const text = await req
    .clone()
    .text()
    .catch(() => '');
  if (target.host === 'soap') {
    const token = /<(?:\w+:)?(?:fueloauth|oAuthToken)[^>]*>([^<]+)</.exec(text)?.[1];
    return token ? claimClientId(token.trim()) : undefined;
  }
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

/** A control stage for `ctx`: `(request, its virtual path, env) → Response | undefined`. */
export function faultsStage(
  ctx: EmulatorContext,
): (req: Request, path: string, env: unknown) => Promise<Response | undefined> | undefined {
  const random = () => {
    const b = ctx.options.randomBytes(4);
    return (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
  };
  const act = async (req: Request, target: FaultTarget, env: unknown): Promise<Response | undefined> => {
    const control = ctx.control;
    const clientId = control.faults.needsClientId() ? await clientIdOf(req, target) : undefined;
    const rule = control.faults.take(target, clientId, () => random() / 2 ** 32);
    if (!rule) return undefined;
    ctx.options.persistence.touch(); // hit counts and `times` left: batched, like tokens
    const action = rule.action;
    switch (action.type) {
      case 'latency':
        await sleep(action.ms);
        return undefined;
      case 'malformed-json':
        return malformedResponse(target);
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
        return errorFaultResponse(target, action);
    }
  };
  // Synchronous unless a fault rule exists: the common case costs two checks and no promise.
  return (req, path, env) => {
    const control = ctx.control;
    const propagation = control.propagation;
    if (propagation.hasPending() && propagation.applyDue(ctx.store, ctx.nowMs()) > 0) ctx.options.persistence.touch();
    if (control.faults.size === 0) return undefined;
    const target = faultTarget(path, req.method);
    return target ? act(req, target, env) : undefined;
  };
}
