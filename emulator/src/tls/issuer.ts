/**
 * @module
 * Leaf certificates on demand: the TLS listener's SNI callback asks for a secure context for the name
 * the client sent, and gets one only when a served pattern matches it (`ERR_TLS_NAME_NOT_SERVED`
 * otherwise, and the handshake fails). Leaves are issued lazily, for that exact name, cached until a
 * day before they expire, and share one key pair made on first use (kept in memory only). The cache is
 * bounded: past {@link MAX_CACHED} names (option `maxCached`) the oldest is dropped and reissued when asked again.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import {
  type CertificateAuthority,
  type CertificateOptions,
  createKeyPair,
  issueLeafCertificate,
  TlsError,
} from './certificates.js';
import { normaliseHostname, type ServedHostPattern, servedPatternOf } from './hosts.js';

/** Most leaves kept at once. */
export const MAX_CACHED = 1000;
const RENEW_BEFORE_MS = 86_400_000;

export interface LeafIssuer {
  /** The secure context for `servername`; throws `ERR_TLS_NAME_NOT_SERVED` for a name not served. */
  secureContext(servername: string): SecureContext;
  /** The PEM leaf for `servername` (what {@link secureContext} presents); same refusal. */
  certificatePem(servername: string): string;
  /** The names a leaf was issued for since start, oldest first (at most {@link MAX_CACHED}). */
  issued(): readonly string[];
}

interface Entry {
  readonly context: SecureContext;
  readonly pem: string;
  readonly renewAt: number;
}

/** An issuer for `ca` that serves exactly the names `patterns` match. */
export function createLeafIssuer(
  ca: CertificateAuthority,
  patterns: readonly ServedHostPattern[],
  o: CertificateOptions & { /** @default MAX_CACHED */ readonly maxCached?: number } = {},
): LeafIssuer {
  const now = o.now ?? (() => new Date());
  const maxCached = o.maxCached ?? MAX_CACHED;
  const cache = new Map<string, Entry>();
  let leafKey: ReturnType<typeof createKeyPair> | undefined;

  function entry(servername: string): Entry {
    const host = normaliseHostname(servername);
    if (host === undefined || servedPatternOf(patterns, host) === undefined) {
      throw new TlsError(
        'ERR_TLS_NAME_NOT_SERVED',
        `no certificate for ${JSON.stringify(servername.slice(0, 100))}: the emulator serves only ${patterns.map((p) => p.display).join(', ')}`,
      );
    }
    const cached = cache.get(host);
    if (cached !== undefined && cached.renewAt > now().getTime()) return cached;
    leafKey ??= createKeyPair();
    const leaf = issueLeafCertificate(ca, host, leafKey, o);
    const made: Entry = {
      context: createSecureContext({ key: leaf.keyPem, cert: leaf.certificatePem, minVersion: 'TLSv1.2' }),
      pem: leaf.certificatePem,
      renewAt: leaf.notAfter.getTime() - RENEW_BEFORE_MS,
    };
    cache.delete(host);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    cache.set(host, made);
    return made;
  }

  return {
    secureContext: (servername) => entry(servername).context,
    certificatePem: (servername) => entry(servername).pem,
    issued: () => [...cache.keys()],
  };
}
