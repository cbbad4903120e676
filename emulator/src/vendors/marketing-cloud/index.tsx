/**
 * @module
 * Marketing Cloud (and the legacy ExactTarget auth hosts) as one vendor profile: its hosts
 * (`{tssd}.auth|rest|soap.marketingcloudapis.com`, `auth[-sN|-test].exacttargetapis.com`), routes
 * (token, authorize, userinfo, discovery, legacy `/v1/requestToken`, REST and SOAP instance APIs),
 * state partition ({@link McContext}), fault answers, admin routes, console pages, seeding
 * (`tenant`, `installed-package`, `api-integration`, `marketing-cloud-app`, `x-emulator.installations`),
 * snapshot sections (`store`, `instanceData`, `control.pendingChanges`) and options (top-level fields
 * of `createEmulator`). Everything else lives beside this file; `vendors/index.ts` registers it.
 */
import type { Hono } from 'hono';
import type { ClockView } from '../../console/layout.js';
import type { VendorProfile } from '../../env.js';
import { UsageRecorder } from '../../usage/recorder.js';
import { marketingCloudOpenApiPaths, marketingCloudOpenApiSchemas } from './admin/openapi.js';
import { marketingCloudAdminRoutes } from './admin/routes.js';
import { clientNames } from './console/model.js';
import { OverviewPanels, overviewCards } from './console/overview.js';
import { PackagesPage } from './console/packages-page.js';
import { TenantsPage } from './console/tenants-page.js';
import { TokensPage } from './console/tokens-page.js';
import { MARKETING_CLOUD, type McContext } from './context.js';
import { marketingCloudFaults } from './faults.js';
import { legacyHosts, mcTlsHosts, tenantHosts } from './hosts.js';
import { type MarketingCloudOptions, resolveMarketingCloudOptions } from './options.js';
import { Propagation } from './propagation.js';
import { authorizeRoutes } from './routes/authorize.js';
import { discoveryRoutes } from './routes/discovery.js';
import { legacyHostRoutes, tenantLegacyRoutes } from './routes/legacy/index.js';
import { restResourceRoutes } from './routes/rest/index.js';
import { restRoutes } from './routes/rest-platform.js';
import { soapRoutes } from './routes/soap/index.js';
import { tokenRoutes } from './routes/token.js';
import { userinfoRoutes } from './routes/userinfo.js';
import { type CredentialsEntry, seedExtension, seedMarketingCloud, seedProblems } from './seed.js';
import { type MarketingCloudSnapshotPart, marketingCloudSnapshot } from './snapshot.js';
import { InstanceData } from './store/instance-data.js';
import { describeUsage } from './usage.js';

const AUTH = '/~auth/:tssd/:style';
const REST = '/~rest/:tssd/:style';
const SOAP = '/~soap/:tssd/:style';
const LEGACY = '/~legacy/:stack/:style';

/** Marketing Cloud's part of a seed result: one credentials entry per API integration. */
export interface MarketingCloudSeedResult {
  credentials: CredentialsEntry[];
}

export const marketingCloud: VendorProfile<
  McContext,
  MarketingCloudOptions,
  MarketingCloudSeedResult,
  MarketingCloudSnapshotPart
> = {
  name: 'marketing-cloud',
  title: 'Marketing Cloud',
  partition: MARKETING_CLOUD,
  hosts: [tenantHosts, legacyHosts],
  tlsHosts: mcTlsHosts,
  createState(ctx, options) {
    const mcOptions = resolveMarketingCloudOptions(options);
    const { store } = mcOptions;
    store.maxAccessTokens = ctx.options.maxAccessTokens;
    store.onLiveEviction = () =>
      ctx.warn(
        'access-tokens',
        `${ctx.options.maxAccessTokens} access-token records are kept (maxAccessTokens) and none had expired: the oldest unexpired token was dropped and is now refused like a revoked one; raise --max-access-tokens if clients keep tokens that long`,
      );
    return {
      ...ctx,
      store,
      interactions: new Map(),
      data: new InstanceData(),
      propagation: new Propagation(),
      mcOptions,
      usage: new UsageRecorder('marketing-cloud'),
      appLaunchFetch: undefined,
    };
  },
  mount(app: Hono, _ctx, mc) {
    app.route(AUTH, tokenRoutes(mc));
    app.route(AUTH, authorizeRoutes(mc));
    app.route(AUTH, userinfoRoutes(mc));
    app.route(AUTH, discoveryRoutes(mc));
    app.route(AUTH, tenantLegacyRoutes(mc));
    app.route(LEGACY, legacyHostRoutes(mc));
    app.route(REST, restResourceRoutes(mc));
    app.route(REST, restRoutes(mc));
    app.route(SOAP, soapRoutes(mc));
  },
  reset(mc) {
    mc.store.reset();
    mc.interactions.clear();
    mc.data.reset();
    mc.propagation.clear();
    mc.usage.reset();
  },
  prune: (mc, before) => mc.store.prune(before),
  beforeRequest: (mc) => mc.propagation.hasPending() && mc.propagation.applyDue(mc.store, mc.nowMs()) > 0,
  describe(mc, url) {
    return [
      `  tenants      ${url}/{subdomain}.auth|rest|soap.marketingcloudapis.com/ or by Host header`,
      ...mc.store.tenants().map((t) => `    ${t.name.padEnd(12)} ${url}/${t.subdomain}.auth.marketingcloudapis.com/`),
    ];
  },
  faults: marketingCloudFaults,
  admin: {
    path: '',
    routes: (_ctx, mc) => marketingCloudAdminRoutes(mc),
    openApi: { paths: marketingCloudOpenApiPaths, schemas: marketingCloudOpenApiSchemas },
  },
  console: {
    pages: [
      {
        key: 'tenants',
        path: '/tenants',
        label: 'Tenants',
        render: (c, mc, clock) => <TenantsPage ctx={mc} clock={clock} origin={mc.baseUrl(c.req.url)} />,
      },
      {
        key: 'packages',
        path: '/packages',
        label: 'Packages',
        render: (_c, mc, clock) => <PackagesPage ctx={mc} clock={clock} />,
      },
      {
        key: 'tokens',
        path: '/tokens',
        label: 'Tokens',
        render: (c, mc, clock) => (
          <TokensPage
            ctx={mc}
            clock={clock}
            filter={{ state: c.req.query('state'), kind: c.req.query('kind'), client: c.req.query('client') }}
          />
        ),
      },
    ],
    cards: (mc, clock: ClockView) => overviewCards(mc, clock),
    overview: (mc, clock) => <OverviewPanels ctx={mc} clock={clock} />,
    clientNames: (mc) => clientNames(mc),
  },
  seed: {
    extension: seedExtension,
    problems: seedProblems,
    apply: (_ctx, mc, m, origin) => seedMarketingCloud(mc, m, origin),
    empty: () => ({ credentials: [] }),
    summary: (result) => ({ count: result.credentials.length, noun: 'integration(s)' }),
    openApi: {
      result: { credentials: { type: 'array', items: { $ref: '#/components/schemas/CredentialsEntry' } } },
      extension:
        'Emulator extension: an optional top-level "x-emulator": {"installations": [{"package", "tenant", "businessUnits"?}]} installs seeded AppExchange packages into seeded customer tenants.',
    },
  },
  snapshot: marketingCloudSnapshot,
  usage: { recorder: (mc) => mc.usage, describe: describeUsage },
};
