/**
 * @module
 * The server-rendered login and consent pages of `/v2/authorize` (hono/jsx; no scripts, plain forms,
 * so `curl` or a scripted browser can drive them). They share the web console's look (`../../../console/layout.tsx`).
 */
import type { FC } from 'hono/jsx';
import { CardLayout as Layout } from '../../../console/layout.js';

const BRAND = 'Marketing Cloud · grantform emulator';

export const LoginPage: FC<{
  action: string;
  interaction: string;
  appName: string;
  tenantName: string;
  username?: string;
  error?: string;
}> = (p) => (
  <Layout title="Marketing Cloud: log in" brand={BRAND}>
    <h1>Log in to {p.tenantName}</h1>
    <p>
      <strong>{p.appName}</strong> wants to access your Marketing Cloud account.
    </p>
    {p.error ? (
      <p id="login-error" role="alert">
        {p.error}
      </p>
    ) : null}
    <form method="post" action={p.action}>
      <input type="hidden" name="interaction" value={p.interaction} />
      <label>
        Username <input name="username" autocomplete="username" value={p.username ?? ''} />
      </label>
      <label>
        Password <input name="password" type="password" autocomplete="current-password" />
      </label>
      <button type="submit">Log in</button>
    </form>
  </Layout>
);

export const ConsentPage: FC<{ action: string; interaction: string; appName: string; scopes: readonly string[] }> = (
  p,
) => (
  <Layout title="Marketing Cloud: allow access" brand={BRAND}>
    <h1>Allow {p.appName}?</h1>
    <ul id="scopes">
      {p.scopes.map((s) => (
        <li>{s}</li>
      ))}
    </ul>
    <form method="post" action={p.action}>
      <input type="hidden" name="interaction" value={p.interaction} />
      <button type="submit" name="decision" value="approve">
        Allow
      </button>
      <button type="submit" name="decision" value="deny">
        Deny
      </button>
    </form>
  </Layout>
);
