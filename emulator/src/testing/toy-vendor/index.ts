/**
 * @module
 * A test-only third vendor, "Toy": one host (`auth.toy.test`), one token route, its own state
 * partition, admin route, fault answers and snapshot section. It exists to prove the shape of the
 * emulator: a vendor is one folder and one profile object; registering it is one line
 * (`createEmulator({ vendors: [...vendors, toyVendor] })` in its test, or one entry in
 * `vendors/index.ts`), and nothing in the core changes.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { HostRule } from '../../addressing.js';
import type { FaultContribution, VendorProfile } from '../../env.js';
import { partitionKey } from '../../env.js';
import { type OAuthDialect, OAuthError } from '../../errors.js';
import { noteClientId } from '../../pipeline.js';

/** The toy vendor's one host. */
export const TOY_HOST = 'auth.toy.test';
/** The one client it knows. */
export const TOY_CLIENT = 'toy-client';

/** A token the toy vendor issued. */
export interface ToyToken {
  readonly token: string;
  readonly clientId: string;
  readonly issuedAt: number;
}

/** The toy vendor's state: the tokens it issued. */
export interface ToyState {
  readonly tokens: Map<string, ToyToken>;
}

/** The toy vendor's section of a snapshot. */
export interface ToySnapshotPart {
  toy?: { tokens: ToyToken[] };
}

export const TOY = partitionKey<ToyState>('toy');

const toyHosts: HostRule = {
  foldCase: true,
  mount: (name) => (name.toLowerCase() === TOY_HOST ? '/~toy/auth' : undefined),
  hostname: (first, second) => (first === 'toy' && second === 'auth' ? TOY_HOST : undefined),
};

/** Its OAuth errors: the plain RFC 6749 body, no challenge. */
const TOY_OAUTH: OAuthDialect = {
  extraFields: {},
  challenge: () => undefined,
  pageTitle: 'Toy: error',
  pageHeading: 'Error',
};

const toyFaults: FaultContribution = {
  hostKinds: ['toy'],
  target(virtualPath, method) {
    const m = /^\/~toy\/auth\/[hp](\/.*)?$/.exec(virtualPath);
    return m ? { host: 'toy', tenant: undefined, path: m[1] ?? '/', method } : undefined;
  },
  errorResponse: (_target, a) =>
    Response.json({ error: a.error ?? 'temporarily_unavailable', toy: true }, { status: a.status }),
  malformedResponse: () => new Response('{"access_', { status: 200 }),
};

const tokenSchema = z.strictObject({ token: z.string(), clientId: z.string(), issuedAt: z.number() });

export const toyVendor: VendorProfile<ToyState, object, object, ToySnapshotPart> = {
  name: 'toy',
  title: 'Toy',
  partition: TOY,
  hosts: [toyHosts],
  createState: () => ({ tokens: new Map() }),
  mount(app, ctx, state) {
    app.post('/~toy/auth/:style/token', async (c) => {
      const form = await c.req.parseBody();
      if (form.client_id !== TOY_CLIENT) throw new OAuthError(TOY_OAUTH, 'invalid_client', 401, 'Unknown client.');
      noteClientId(c, TOY_CLIENT);
      const token = ctx.randomToken(16);
      state.tokens.set(token, { token, clientId: TOY_CLIENT, issuedAt: ctx.nowMs() });
      ctx.options.persistence.touch();
      return c.json({ access_token: token, token_type: 'Bearer' });
    });
  },
  reset: (state) => state.tokens.clear(),
  faults: toyFaults,
  admin: {
    path: '/toy',
    routes: (_ctx, state) => new Hono().get('/tokens', (c) => c.json({ items: [...state.tokens.values()] })),
    openApi: {
      paths: () => ({ '/toy/tokens': { get: { responses: { 200: { description: 'Toy tokens' } } } } }),
      schemas: () => ({}),
    },
  },
  snapshot: {
    sections: { toy: z.strictObject({ tokens: z.array(tokenSchema) }).optional() },
    export: (state) => ({ toy: { tokens: [...state.tokens.values()] } }),
    import(state, parts) {
      state.tokens.clear();
      for (const t of parts.toy?.tokens ?? []) state.tokens.set(t.token, t);
    },
    summary: (state) => ({ toyTokens: state.tokens.size }),
  },
};
