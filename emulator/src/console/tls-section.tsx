/**
 * @module
 * Console section: the TLS side (`--tls`), when the emulator runs with it: the CA's SHA-256 fingerprint
 * (to compare with what a client trusts), its files, the proxy and HTTPS addresses, the host names
 * served and the leaves issued so far. Nothing secret: the CA key is never shown.
 */
import type { FC } from 'hono/jsx';
import type { EmulatorContext } from '../env.js';

export const TlsSection: FC<{ ctx: EmulatorContext }> = ({ ctx }) => {
  const tls = ctx.options.tls;
  if (tls === undefined) return null;
  const issued = tls.issued();
  return (
    <section class="panel" aria-labelledby="overview-tls" id="tls">
      <h2 id="overview-tls">TLS (vendor host names)</h2>
      <dl class="facts">
        <dt>CA fingerprint (SHA-256)</dt>
        <dd class="mono" id="tls-fingerprint">
          {tls.fingerprintSha256}
        </dd>
        <dt>CA</dt>
        <dd>
          {tls.caSubject}, until {tls.caNotAfter.slice(0, 10)} <span class="mono">{tls.files.caCertificate}</span>
        </dd>
        <dt>Proxy (HTTPS_PROXY)</dt>
        <dd class="mono">{tls.proxyUrl}</dd>
        <dt>HTTPS listener</dt>
        <dd class="mono">{tls.httpsUrl ?? 'none (through the proxy only)'}</dd>
        <dt>Host names served</dt>
        <dd>
          <ul class="tags" id="tls-hostnames">
            {tls.hostnames.map((h) => (
              <li class="mono">{h}</li>
            ))}
          </ul>
        </dd>
        <dt>Certificates issued</dt>
        <dd>
          {issued.length === 0 ? (
            <span class="muted">none yet (issued on the first TLS connection for each name)</span>
          ) : (
            <ul class="tags">
              {issued.map((h) => (
                <li class="mono">{h}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
};
