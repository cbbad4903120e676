/**
 * @module
 * Console page: tenants, their business-unit tree, endpoints and test users (never a password).
 */
import type { FC } from 'hono/jsx';
import { Empty } from '../../../console/components.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from '../../../console/layout.js';
import type { McContext } from '../context.js';
import { tenantEndpoints } from '../hosts.js';
import type { TenantRecord } from '../store/records.js';
import { type BusinessUnitNode, businessUnitTree } from './model.js';

const Tree: FC<{ nodes: readonly BusinessUnitNode[]; enterpriseMid: number }> = ({ nodes, enterpriseMid }) => (
  <ul class="tree">
    {nodes.map((n) => (
      <li>
        <strong>{n.bu.name}</strong> <span class="mono muted">{n.bu.mid}</span>
        {n.bu.mid === enterpriseMid ? <span class="badge badge-neutral"> enterprise</span> : null}
        {n.children.length > 0 ? <Tree nodes={n.children} enterpriseMid={enterpriseMid} /> : null}
      </li>
    ))}
  </ul>
);

const access = (v: 'all' | number[]) => (v === 'all' ? 'all' : v.join(', '));

const Tenant: FC<{ ctx: McContext; tenant: TenantRecord; origin: string }> = ({ ctx, tenant: t, origin }) => {
  const endpoints = tenantEndpoints(origin, t.subdomain);
  const users = ctx.store.users(t.subdomain);
  const packages = ctx.store.packages(t.subdomain).length;
  return (
    <section class="panel" aria-labelledby={`tenant-${t.subdomain}`} data-tenant={t.subdomain}>
      <h2 id={`tenant-${t.subdomain}`}>{t.name}</h2>
      <dl class="facts">
        <dt>Subdomain</dt>
        <dd class="mono">{t.subdomain}</dd>
        <dt>Stack</dt>
        <dd>{t.stackKey}</dd>
        <dt>Enterprise MID</dt>
        <dd class="mono">{t.enterpriseMid}</dd>
        <dt>Auth base URL</dt>
        <dd class="mono">{endpoints.auth}</dd>
        <dt>REST base URL</dt>
        <dd class="mono">{endpoints.rest}</dd>
        <dt>SOAP base URL</dt>
        <dd class="mono">{endpoints.soap}</dd>
        <dt>Installed packages</dt>
        <dd>
          <a href={`${CONSOLE_PATH}/packages#tenant-${t.subdomain}`}>{packages}</a>
        </dd>
      </dl>
      <h3>Business units</h3>
      {t.businessUnits.length === 0 ? (
        <Empty text="No business units." />
      ) : (
        <Tree nodes={businessUnitTree(t.businessUnits)} enterpriseMid={t.enterpriseMid} />
      )}
      <h3>Test users</h3>
      {users.length === 0 ? (
        <Empty text="No users." />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">User id</th>
                <th scope="col">Default BU</th>
                <th scope="col">BU access</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <th scope="row">{u.username}</th>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td class="mono">{u.id}</td>
                  <td class="mono">{u.defaultMid}</td>
                  <td>{access(u.businessUnits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

export const TenantsPage: FC<{ ctx: McContext; clock: ClockView; origin: string }> = ({ ctx, clock, origin }) => {
  const tenants = ctx.store.tenants();
  return (
    <ConsoleLayout title="Tenants" current="tenants" clock={clock}>
      {tenants.length === 0 ? (
        <Empty text="No tenants yet. Seed a manifest (grantform emulator --seed) or PUT /_emulator/tenants/{subdomain}." />
      ) : (
        tenants.map((t) => <Tenant ctx={ctx} tenant={t} origin={origin} />)
      )}
    </ConsoleLayout>
  );
};
