/**
 * @module
 * Client authentication at the token endpoint: `Authorization: Basic base64(api_key:secret)` (the
 * documented method) or `client_id`/`client_secret` in the parameters. Confidential applications
 * must authenticate; public applications (PKCE, device) send only `client_id` and never a secret.
 */
import { CTCT_MESSAGES, oktaInvalidClient } from './errors.js';
import type { CtctApplicationRecord } from './records.js';
import { ctctSecretAccepted } from './secret-rotation.js';
import type { CtctStore } from './store.js';

export interface BasicCredentials {
  readonly id: string;
  readonly secret: string;
}

function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Parses `Authorization: Basic …`; `undefined` when absent; `invalid_client` when malformed. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m?.[1]) throw oktaInvalidClient();
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw oktaInvalidClient();
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Authenticates the application of a token request. */
export function authenticateApplication(
  store: CtctStore,
  authorization: string | undefined,
  params: ReadonlyMap<string, string>,
): CtctApplicationRecord {
  const basic = basicCredentials(authorization);
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  if (basic !== undefined && bodySecret !== undefined) {
    throw oktaInvalidClient('Only one client authentication method may be used.');
  }
  if (basic !== undefined && bodyId !== undefined && bodyId !== basic.id) throw oktaInvalidClient();
  const clientId = basic?.id ?? bodyId;
  if (clientId === undefined || clientId === '') throw oktaInvalidClient(CTCT_MESSAGES.unknownClient);
  const application = store.applications.get(clientId);
  if (application === undefined) throw oktaInvalidClient(CTCT_MESSAGES.unknownClient);
  const secret = basic?.secret ?? bodySecret;
  if (application.type === 'public') {
    if (secret !== undefined && secret !== '') throw oktaInvalidClient();
    return application;
  }
  if (secret === undefined || !ctctSecretAccepted(application, secret)) throw oktaInvalidClient();
  return application;
}
