/**
 * @module
 * The page shown when the emulator has an admin token and the request carries none (or a wrong one):
 * a plain GET form that sends `?token=…` once; the console then keeps an HttpOnly cookie.
 */
import type { FC } from 'hono/jsx';
import { CardLayout, CONSOLE_PATH } from './layout.js';

export const TokenPage: FC<{ returnTo: string; wrong: boolean }> = ({ returnTo, wrong }) => (
  <CardLayout title="grantform emulator: console sign-in" brand="grantform emulator">
    <h1>Emulator console</h1>
    <p>This emulator was started with an admin token. Enter it to open the console.</p>
    {wrong ? (
      <p id="token-error" class="notice error" role="alert">
        That is not the admin token.
      </p>
    ) : null}
    <form method="get" action={returnTo.startsWith(CONSOLE_PATH) ? returnTo : CONSOLE_PATH}>
      <label>
        Admin token <input name="token" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">Open the console</button>
    </form>
    <p class="muted">
      Or open <code>{CONSOLE_PATH}?token=…</code> once, or send <code>Authorization: Bearer …</code>.
    </p>
  </CardLayout>
);
