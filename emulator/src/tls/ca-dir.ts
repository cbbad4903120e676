/**
 * @module
 * The TLS directory (`--tls-dir`, or `emulator-tls/` beside `--state`): where the local CA is kept, so
 * it is made once and trusted once. Files:
 *
 * | file | mode | what |
 * | --- | --- | --- |
 * | `ca-key.pem` | 0600 | the CA's private key and its certificate (one file, written atomically, so they always match) |
 * | `ca.pem` | 0644 | the CA certificate (`NODE_EXTRA_CA_CERTS`) |
 * | `ca-bundle.pem` | 0644 | the system's trusted roots followed by the CA (`SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`: those replace the default roots, so the bundle keeps them) |
 * | `truststore.p12` | 0644 | the same certificates as a PKCS#12 trust store Java accepts (`javax.net.ssl.trustStore`) |
 *
 * A kept CA is replaced (with a warning: trust it again) when it is about to expire or when its name
 * constraints no longer equal the served hosts' subtrees. The directory is created 0700; a key file
 * readable by others is tightened to 0600 with a warning. The derived files are rewritten when missing
 * or when they do not hold the CA's certificate. Building the trust store costs about half a second
 * (every root is re-encoded), which is paid only when the CA is made or a derived file is missing.
 */
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  fingerprintSha256,
  permittedSubtreesOf,
  privateKeyPem,
  readCertificateAuthority,
  TlsError,
} from './certificates.js';
import { pkcs12TrustStore, type TrustedCertificate } from './trust-store.js';

/** Paths of the files in a TLS directory. */
export interface TlsFiles {
  readonly dir: string;
  readonly caKey: string;
  readonly caCertificate: string;
  readonly caBundle: string;
  readonly javaTrustStore: string;
}

export function tlsFiles(dir: string): TlsFiles {
  return {
    dir,
    caKey: join(dir, 'ca-key.pem'),
    caCertificate: join(dir, 'ca.pem'),
    caBundle: join(dir, 'ca-bundle.pem'),
    javaTrustStore: join(dir, 'truststore.p12'),
  };
}

/** Where the system keeps its trusted roots (the list Go's crypto/x509 reads on Linux and the BSDs). */
export const SYSTEM_CA_FILES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7
  '/etc/ssl/cert.pem', // macOS, Alpine, the BSDs
];

/** The Java alias of the emulator's CA in `truststore.p12`. */
export const CA_ALIAS = 'grantform-emulator-ca';

export interface TlsDirOptions {
  /** DNS subtrees the CA must permit (`permittedSubtrees(servedHostPatterns())`). */
  readonly subtrees: readonly string[];
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default SYSTEM_CA_FILES, then Node's bundled roots */
  readonly systemCaFiles?: readonly string[];
  readonly warn?: (message: string) => void;
}

export interface TlsDir {
  readonly ca: CertificateAuthority;
  readonly files: TlsFiles;
  readonly fingerprint: string;
  /** `created`: a new CA was made now; `kept`: the one on disk is used. */
  readonly state: 'created' | 'kept';
}

/** Writes `path` atomically (temp file + rename) with `mode`. */
async function writeAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of the first readable system bundle, else Node's bundled (Mozilla) roots. */
export async function systemRoots(files: readonly string[] = SYSTEM_CA_FILES): Promise<X509Certificate[]> {
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const certs = parsePemCertificates(text);
    if (certs.length > 0) return certs;
  }
  return parsePemCertificates(rootCertificates.join('\n'));
}

/** Every certificate in a PEM text that parses (others are skipped). */
export function parsePemCertificates(text: string): X509Certificate[] {
  const certs: X509Certificate[] = [];
  for (const pem of text.match(PEM_CERTIFICATE) ?? []) {
    try {
      certs.push(new X509Certificate(pem));
    } catch {
      // not a certificate this runtime can read: a client could not use it either
    }
  }
  return certs;
}

function sameSubtrees(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((s, i) => s === y[i]);
}

/** Why a kept CA must be replaced, or `undefined` when it can stay. */
function replaceReason(ca: CertificateAuthority, subtrees: readonly string[], nowMs: number): string | undefined {
  if (Date.parse(ca.certificate.validTo) - nowMs < 2 * 86_400_000) return `it expires on ${ca.certificate.validTo}`;
  if (Date.parse(ca.certificate.validFrom) > nowMs) return `it is not valid before ${ca.certificate.validFrom}`;
  const kept = permittedSubtreesOf(ca.certificate);
  if (!sameSubtrees(kept, subtrees)) {
    return `its name constraints (${kept.join(', ')}) differ from the hosts served now (${subtrees.join(', ')})`;
  }
  return undefined;
}

async function readKept(files: TlsFiles): Promise<CertificateAuthority | undefined> {
  const text = await readFile(files.caKey, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new TlsError('ERR_TLS_DIR', `cannot read ${files.caKey}: ${err.message}`);
  });
  if (text === undefined) return undefined;
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (key === undefined || cert === undefined) {
    throw new TlsError(
      'ERR_TLS_CA_INVALID',
      `${files.caKey} must hold a PRIVATE KEY and a CERTIFICATE (PEM); delete the directory ${files.dir} to make a new CA`,
    );
  }
  try {
    return readCertificateAuthority(key, cert);
  } catch (err) {
    throw new TlsError(
      'ERR_TLS_CA_INVALID',
      `${files.caKey}: ${(err as Error).message}; delete the directory ${files.dir} to make a new CA`,
    );
  }
}

/** Writes `ca.pem`, `ca-bundle.pem` and `truststore.p12` for `ca`. */
async function writeDerived(
  ca: CertificateAuthority,
  files: TlsFiles,
  systemCaFiles?: readonly string[],
): Promise<void> {
  const own = ca.certificate.fingerprint256;
  const roots = (await systemRoots(systemCaFiles)).filter((c) => c.fingerprint256 !== own);
  await writeAtomic(files.caCertificate, ca.certificatePem, 0o644);
  const bundle = [
    ...roots.map((c) => c.toString()),
    `# ${CA_ALIAS}: ${ca.certificate.subject.replace(/\n/g, ', ')}\n${ca.certificatePem}`,
  ].join('');
  await writeAtomic(files.caBundle, bundle, 0o644);
  const trusted: TrustedCertificate[] = [
    { alias: CA_ALIAS, der: ca.certificate.raw },
    ...roots.map((c, i) => ({ alias: `root-${String(i + 1).padStart(3, '0')}`, der: c.raw })),
  ];
  await writeAtomic(files.javaTrustStore, pkcs12TrustStore(trusted), 0o644);
}

/** Whether the derived files exist and `ca.pem` holds this CA. */
async function derivedUpToDate(ca: CertificateAuthority, files: TlsFiles): Promise<boolean> {
  const pem = await readFile(files.caCertificate, 'utf8').catch(() => '');
  const held = parsePemCertificates(pem)[0];
  if (held?.fingerprint256 !== ca.certificate.fingerprint256) return false;
  const present = await Promise.all(
    [files.caBundle, files.javaTrustStore].map((f) =>
      stat(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean);
}

/** Loads the CA kept in `dir`, or makes one (see the module comment). */
export async function openTlsDir(dir: string, o: TlsDirOptions): Promise<TlsDir> {
  const files = tlsFiles(dir);
  const now = o.now ?? (() => new Date());
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new TlsError('ERR_TLS_DIR', `cannot create the TLS directory ${dir}: ${(err as Error).message}`);
  }
  let ca = await readKept(files);
  let state: TlsDir['state'] = 'kept';
  if (ca !== undefined) {
    const mode = (await stat(files.caKey)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      await chmod(files.caKey, 0o600);
      o.warn?.(`${files.caKey} was readable by others (mode ${mode.toString(8)}); it is now 0600`);
    }
    const reason = replaceReason(ca, o.subtrees, now().getTime());
    if (reason !== undefined) {
      o.warn?.(`the CA in ${dir} is replaced by a new one because ${reason}: trust the new ${files.caCertificate}`);
      ca = undefined;
    }
  }
  if (ca === undefined) {
    const made = createCertificateAuthority(o.subtrees, `${hostname()} ${now().toISOString().slice(0, 10)}`, { now });
    await writeAtomic(files.caKey, `${privateKeyPem(made.key)}${made.certificatePem}`, 0o600);
    // Another emulator starting in the same directory at the same moment may have renamed its file over
    // ours: use whatever the file holds now, so the key, ca.pem and the leaves always agree.
    ca = (await readKept(files)) ?? made;
    state = 'created';
  }
  if (state === 'created' || !(await derivedUpToDate(ca, files))) await writeDerived(ca, files, o.systemCaFiles);
  return { ca, files, fingerprint: fingerprintSha256(ca.certificate), state };
}
