/**
 * @module
 * What a running emulator tells about its TLS side (`GET /_emulator/tls`, the console, the start-up
 * summary, `grantform emulator env`): the CA, where its files are, the proxy and HTTPS addresses and the
 * host names served. Plain data plus one live list (the leaves issued so far). No secret: the CA key's
 * path is given, never its content.
 */
import type { TlsFiles } from './ca-dir.js';

export interface TlsStatus {
  /** SHA-256 fingerprint of the CA certificate, `AB:CD:…`. */
  readonly fingerprintSha256: string;
  readonly caCertificatePem: string;
  /** The CA's subject, one line (`O=grantform emulator, CN=…`). */
  readonly caSubject: string;
  /** When the CA expires (ISO 8601). */
  readonly caNotAfter: string;
  /** The DNS subtrees its name constraints permit. */
  readonly permittedSubtrees: readonly string[];
  /** `created`: made at this start; `kept`: read from the TLS directory. */
  readonly caState: 'created' | 'kept';
  readonly files: TlsFiles;
  /** `http://127.0.0.1:4011`: what `HTTPS_PROXY` names. */
  readonly proxyUrl: string;
  /** `https://127.0.0.1:443` when `--tls-port` is given; otherwise `null` (reached through the proxy only). */
  readonly httpsUrl: string | null;
  /** The served host patterns, as shown (`{tssd}.auth.marketingcloudapis.com`, …). */
  readonly hostnames: readonly string[];
  /** Host names a leaf certificate was issued for since start, oldest first. */
  issued(): readonly string[];
}

/** The JSON view of {@link TlsStatus} (`GET /_emulator/tls`). */
export function tlsStatusView(status: TlsStatus | undefined): Record<string, unknown> {
  if (status === undefined) return { enabled: false };
  const { files } = status;
  return {
    enabled: true,
    ca: {
      fingerprintSha256: status.fingerprintSha256,
      subject: status.caSubject,
      notAfter: status.caNotAfter,
      permittedSubtrees: status.permittedSubtrees,
      state: status.caState,
      certificatePem: status.caCertificatePem,
    },
    files: {
      dir: files.dir,
      caCertificate: files.caCertificate,
      caBundle: files.caBundle,
      javaTrustStore: files.javaTrustStore,
    },
    proxyUrl: status.proxyUrl,
    httpsUrl: status.httpsUrl,
    hostnames: status.hostnames,
    issued: status.issued(),
  };
}
