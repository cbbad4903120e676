/**
 * @module
 * Console page: installed packages per tenant, their API integration (type, client id, scopes,
 * redirect URIs, business-unit access, PKCE, which scopes its recorded calls used and which they did
 * not) and Marketing Cloud app. Secrets are never shown: neither the client secret (only its digest
 * is stored) nor the package's JWT signing secret; what is shown of them is their age, their expiry
 * and a staged secret's state, on the emulator clock.
 */
import type { FC } from 'hono/jsx';
import { Empty, Tags } from '../../../console/components.js';
import { formatInstant, formatRelative } from '../../../console/format.js';
import { type ClockView, ConsoleLayout } from '../../../console/layout.js';
import type { McContext } from '../context.js';
import { secretStatus } from '../secret-rotation.js';
import type { IntegrationRecord, PackageRecord, TenantRecord } from '../store/records.js';
import { tokenState } from '../tokens.js';

const TYPE_LABEL: Record<IntegrationRecord['type'], string> = {
  'server-to-server': 'Server-to-server',
  'web-app': 'Web app',
  'public-app': 'Public app',
};

function buAccess(tenant: TenantRecord, access: 'all' | number[]): string {
  if (access === 'all') return 'all business units';
  const name = (mid: number) => tenant.businessUnits.find((b) => b.mid === mid)?.name;
  return access.map((mid) => (name(mid) ? `${name(mid)} (${mid})` : String(mid))).join(', ');
}

/** Age, expiry and staged state of a client secret (never the secret), on the emulator clock. */
const SecretFacts: FC<{ ctx: McContext; integration: IntegrationRecord; now: number }> = ({
  ctx,
  integration,
  now,
}) => {
  const status = secretStatus(ctx, integration);
  const created = status.active.createdAt === null ? null : Date.parse(status.active.createdAt);
  const expires = status.active.expiresAt === null ? null : Date.parse(status.active.expiresAt);
  const staged = status.staged;
  return (
    <>
      <dt>Secret age</dt>
      <dd data-secret="age">
        {created === null
          ? 'unknown (generated before the emulator recorded it)'
          : `${formatRelative(created, now).replace(/ ago$/, '')} (generated ${formatInstant(created)})`}
      </dd>
      <dt>Secret expiry</dt>
      <dd data-secret="expiry">
        {expires === null ? (
          'never'
        ) : status.active.expired ? (
          <>
            <span class="badge badge-expired">expired</span> {formatRelative(expires, now)} ({formatInstant(expires)})
          </>
        ) : (
          `${formatRelative(expires, now)} (${formatInstant(expires)})`
        )}
      </dd>
      <dt>Staged secret</dt>
      <dd data-secret="staged">
        {staged === null
          ? 'none'
          : staged.accepted
            ? `staged ${formatInstant(Date.parse(staged.createdAt))}, accepted beside the active one: activate it to retire the old one`
            : `staged ${formatInstant(Date.parse(staged.createdAt))}, accepted ${formatRelative(Date.parse(staged.acceptedFrom), now)}`}
      </dd>
    </>
  );
};

const Integration: FC<{ ctx: McContext; tenant: TenantRecord; integration: IntegrationRecord; now: number }> = ({
  ctx,
  tenant,
  integration: i,
  now,
}) => (
  <dl class="facts">
    <dt>Type</dt>
    <dd>{TYPE_LABEL[i.type]}</dd>
    <dt>Client id</dt>
    <dd class="mono">{i.clientId}</dd>
    <dt>Client secret</dt>
    <dd class="muted">{i.secretHash === null ? 'none (public app)' : 'set (never shown)'}</dd>
    {i.secretHash === null ? null : <SecretFacts ctx={ctx} integration={i} now={now} />}
    <dt>Scopes</dt>
    <dd>
      <Tags items={i.scopes} />
    </dd>
    <dt>Redirect URIs</dt>
    <dd>
      {i.redirectUris.length === 0 ? (
        <span class="muted">none</span>
      ) : (
        i.redirectUris.map((u) => <div class="mono">{u}</div>)
      )}
    </dd>
    <dt>BU access</dt>
    <dd>{buAccess(tenant, i.businessUnits)}</dd>
    <dt>PKCE</dt>
    <dd>{i.pkce}</dd>
    {i.appExchange ? (
      <>
        <dt>AppExchange</dt>
        <dd>yes (authorize adds tssd)</dd>
      </>
    ) : null}
  </dl>
);

/** Which of the integration's scopes its recorded calls needed (`GET /_emulator/usage`, `grantform advise`). */
const ScopeUse: FC<{ ctx: McContext; integration: IntegrationRecord }> = ({ ctx, integration: i }) => {
  const use = ctx.usage.scopeUse(i.clientId, i.scopes);
  return (
    <>
      <h4>Scope use</h4>
      {use.seen ? (
        <dl class="facts" data-scope-use={i.clientId}>
          <dt>Used</dt>
          <dd>
            <Tags items={use.used} />
          </dd>
          <dt>Unused</dt>
          <dd>
            <Tags items={use.unused} />
          </dd>
        </dl>
      ) : (
        <p class="muted" data-scope-use={i.clientId}>
          No usage recorded yet: no token issued or call made since the last usage reset.
        </p>
      )}
    </>
  );
};

const Package: FC<{ ctx: McContext; tenant: TenantRecord; pkg: PackageRecord; now: number }> = ({
  ctx,
  tenant,
  pkg,
  now,
}) => {
  const clientId = pkg.integration?.clientId;
  const active =
    clientId === undefined
      ? 0
      : ctx.store.tokens().filter((t) => t.clientId === clientId && tokenState(t, now) === 'active').length;
  return (
    <section class="panel" aria-labelledby={`package-${pkg.id}`} data-package={pkg.name}>
      <h3 id={`package-${pkg.id}`}>
        {pkg.name} {pkg.legacy ? <span class="badge badge-neutral">legacy</span> : null}
      </h3>
      {pkg.description ? <p>{pkg.description}</p> : null}
      <dl class="facts">
        <dt>Package id</dt>
        <dd class="mono">{pkg.id}</dd>
        <dt>Source MID</dt>
        <dd class="mono">{pkg.sourceMid}</dd>
        <dt>Active tokens</dt>
        <dd>{active}</dd>
      </dl>
      <h4>API integration</h4>
      {pkg.integration ? (
        <Integration ctx={ctx} tenant={tenant} integration={pkg.integration} now={now} />
      ) : (
        <Empty text="None." />
      )}
      {pkg.integration ? <ScopeUse ctx={ctx} integration={pkg.integration} /> : null}
      {pkg.app ? (
        <>
          <h4>Marketing Cloud app</h4>
          <dl class="facts">
            <dt>Login URL</dt>
            <dd class="mono">{pkg.app.loginUrl}</dd>
            <dt>Redirect URL</dt>
            <dd class="mono">{pkg.app.redirectUrl}</dd>
            <dt>Logout URL</dt>
            <dd class="mono">{pkg.app.logoutUrl}</dd>
            <dt>Claims version</dt>
            <dd>{pkg.app.claimsVersion}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
};

export const PackagesPage: FC<{ ctx: McContext; clock: ClockView }> = ({ ctx, clock }) => {
  const tenants = ctx.store.tenants();
  return (
    <ConsoleLayout title="Packages and integrations" current="packages" clock={clock}>
      {tenants.length === 0 ? <Empty text="No tenants yet." /> : null}
      {tenants.map((t) => {
        const packages = ctx.store.packages(t.subdomain);
        return (
          <section aria-labelledby={`tenant-${t.subdomain}`}>
            <h2 id={`tenant-${t.subdomain}`}>
              {t.name} <span class="mono muted">{t.subdomain}</span>
            </h2>
            {packages.length === 0 ? (
              <Empty text="No installed packages." />
            ) : (
              packages.map((p) => <Package ctx={ctx} tenant={t} pkg={p} now={clock.nowMs} />)
            )}
          </section>
        );
      })}
    </ConsoleLayout>
  );
};
