/**
 * @module
 * The server-rendered login pages of the Okta-style host: authorize (log in and allow) and device
 * activation. Plain forms, no scripts, so `curl` or a scripted browser can drive them.
 */
import { escapeHtml } from '../../errors.js';

const esc = escapeHtml;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto}label{display:block;margin:.5rem 0}</style></head><body><main>${body}</main></body></html>`;
}

const credentials = (username: string | undefined) =>
  `<label>Username <input name="username" autocomplete="username" value="${esc(username ?? '')}"></label><label>Password <input name="password" type="password" autocomplete="current-password"></label>`;

export function loginPage(p: {
  action: string;
  interaction: string;
  appName: string;
  scopes: readonly string[];
  username?: string | undefined;
  error?: string;
}): string {
  const error = p.error === undefined ? '' : `<p id="login-error" role="alert">${esc(p.error)}</p>`;
  const scopes = p.scopes.map((s) => `<li>${esc(s)}</li>`).join('');
  return layout(
    'Constant Contact: log in',
    `<h1>Log in to Constant Contact</h1><p><strong>${esc(p.appName)}</strong> wants to access your account:</p><ul id="scopes">${scopes}</ul>${error}<form method="post" action="${esc(p.action)}"><input type="hidden" name="interaction" value="${esc(p.interaction)}">${credentials(p.username)}<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

export function activatePage(p: { action: string; userCode?: string; username?: string; error?: string }): string {
  const error = p.error === undefined ? '' : `<p id="activate-error" role="alert">${esc(p.error)}</p>`;
  return layout(
    'Constant Contact: activate your device',
    `<h1>Activate your device</h1>${error}<form method="post" action="${esc(p.action)}"><label>Code <input name="user_code" value="${esc(p.userCode ?? '')}"></label>${credentials(p.username)}<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

export function activatedPage(approved: boolean): string {
  return layout(
    'Constant Contact: device',
    approved
      ? '<h1 id="activated">Device activated</h1><p>You can return to your device.</p>'
      : '<h1 id="denied">Access denied</h1><p>The device was not given access.</p>',
  );
}
