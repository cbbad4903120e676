/**
 * @module
 * X.509 certificates for `--tls`: the emulator's local certificate authority and the leaf certificates
 * it issues for the served host names. Structures are encoded by `@peculiar/asn1-x509` (DER, RFC 5280);
 * keys and signatures are node:crypto's (ECDSA P-256, SHA-256). Pure apart from the injected clock and
 * randomness: nothing here reads or writes a file.
 *
 * The CA is **name-constrained** (critical `nameConstraints`): its permitted DNS subtrees are the served
 * patterns' subtrees and every IPv4 and IPv6 address is excluded, so a client that trusts it (curl,
 * Python, Java, Node all enforce the extension) accepts its certificates for the emulated vendor hosts
 * only, even if its key were taken and used to sign something else. Leaves carry one `dNSName` each.
 */
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes as nodeRandomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_nameConstraints,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_serverAuth,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  NameConstraints,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** ecdsa-with-SHA256 (RFC 5758 §3.2: parameters absent). */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
const DAY_MS = 86_400_000;

/** How long a new CA is valid. @default 5 years (it is replaced, with a warning, when it expires) */
export const CA_LIFETIME_DAYS = 5 * 365;
/** How long a leaf is valid; a cached leaf is reissued a day before it ends. */
export const LEAF_LIFETIME_DAYS = 30;
/** Certificates start an hour in the past, for clients whose clock is a little behind. */
const BACKDATE_MS = 3_600_000;

/** A CA: its key (never leaves the TLS directory) and its certificate. */
export interface CertificateAuthority {
  readonly key: KeyObject;
  readonly certificate: X509Certificate;
  /** The certificate, PEM. */
  readonly certificatePem: string;
  /** The `subjectKeyIdentifier`, copied into each leaf's `authorityKeyIdentifier`. */
  readonly keyId: ArrayBuffer;
}

export interface CertificateOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default node:crypto randomBytes */
  readonly randomBytes?: (size: number) => Uint8Array;
}

/** An issued leaf: certificate and the key it certifies (both PEM). */
export interface IssuedLeaf {
  readonly certificatePem: string;
  readonly keyPem: string;
  readonly notAfter: Date;
}

export class TlsError extends Error {
  constructor(
    readonly code: 'ERR_TLS_NAME_NOT_SERVED' | 'ERR_TLS_CA_INVALID' | 'ERR_TLS_DIR',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A new ECDSA P-256 key pair. */
export function createKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function name(parts: readonly [string, string][]): Name {
  return new Name(
    parts.map(
      ([type, value]) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
        ]),
    ),
  );
}

/** A positive 16-byte serial number whose DER encoding is minimal (first byte 0x40–0x7f). */
function serialNumber(randomBytes: (size: number) => Uint8Array): ArrayBuffer {
  const bytes = Uint8Array.from(randomBytes(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return toArrayBuffer(bytes);
}

function publicKeyInfo(publicKey: KeyObject): SubjectPublicKeyInfo {
  return AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: SubjectPublicKeyInfo): ArrayBuffer {
  return toArrayBuffer(createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest());
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function signCertificate(tbs: TBSCertificate, key: KeyObject): string {
  const tbsDer = AsnConvert.serialize(tbs);
  const signature = sign('sha256', new Uint8Array(tbsDer), key);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signatureValue: toArrayBuffer(signature),
  });
  const base64 = Buffer.from(AsnConvert.serialize(cert)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The name constraints of a CA permitting `subtrees`: DNS names below them only, no IP address. */
export function caNameConstraints(subtrees: readonly string[]): NameConstraints {
  return new NameConstraints({
    permittedSubtrees: new GeneralSubtrees(
      subtrees.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ),
    excludedSubtrees: new GeneralSubtrees(
      ['0.0.0.0/0', '::/0'].map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
    ),
  });
}

/** The permitted DNS subtrees a CA certificate carries (`[]` without name constraints). */
export function permittedSubtreesOf(certificate: X509Certificate): string[] {
  const cert = AsnConvert.parse(certificate.raw, Certificate);
  const ext = cert.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_nameConstraints);
  if (!ext) return [];
  const constraints = AsnConvert.parse(ext.extnValue, NameConstraints);
  return (constraints.permittedSubtrees ?? []).flatMap((s) => (s.base.dNSName === undefined ? [] : [s.base.dNSName]));
}

/**
 * A new certificate authority for `subtrees` (see the module comment), valid from now for
 * {@link CA_LIFETIME_DAYS}. `label` goes into its subject so a person can tell whose it is.
 */
export function createCertificateAuthority(
  subtrees: readonly string[],
  label: string,
  o: CertificateOptions = {},
): CertificateAuthority {
  if (subtrees.length === 0) throw new TlsError('ERR_TLS_CA_INVALID', 'a CA needs at least one permitted DNS subtree');
  const now = (o.now ?? (() => new Date()))().getTime();
  const { privateKey, publicKey } = createKeyPair();
  const spki = publicKeyInfo(publicKey);
  const keyId = keyIdentifier(spki);
  const subject = name([
    [ORGANIZATION, 'grantform emulator'],
    [COMMON_NAME, `grantform emulator local CA (${label})`],
  ]);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(o.randomBytes ?? nodeRandomBytes),
    signature: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    issuer: subject,
    validity: new Validity({
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + CA_LIFETIME_DAYS * DAY_MS),
    }),
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true, pathLenConstraint: 0 })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId)),
      extension(id_ce_nameConstraints, true, caNameConstraints(subtrees)),
    ]),
  });
  const certificatePem = signCertificate(tbs, privateKey);
  return { key: privateKey, certificate: new X509Certificate(certificatePem), certificatePem, keyId };
}

/** A CA from its PEM key and certificate; throws `ERR_TLS_CA_INVALID` when they do not belong together. */
export function readCertificateAuthority(keyPem: string, certificatePem: string): CertificateAuthority {
  let key: KeyObject;
  let certificate: X509Certificate;
  try {
    key = createPrivateKey(keyPem);
    certificate = new X509Certificate(certificatePem);
  } catch (err) {
    throw new TlsError('ERR_TLS_CA_INVALID', `the CA key or certificate cannot be read: ${(err as Error).message}`);
  }
  if (!certificate.ca || !certificate.checkPrivateKey(key)) {
    throw new TlsError('ERR_TLS_CA_INVALID', 'the CA certificate is not a CA certificate for this key');
  }
  const spki = AsnConvert.parse(certificate.raw, Certificate).tbsCertificate.subjectPublicKeyInfo;
  return { key, certificate, certificatePem: certificate.toString(), keyId: keyIdentifier(spki) };
}

/** The key as PKCS#8 PEM (what the CA file keeps). */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** SHA-256 fingerprint as browsers and `openssl x509 -fingerprint -sha256` show it (`AB:CD:…`). */
export function fingerprintSha256(certificate: X509Certificate): string {
  return certificate.fingerprint256;
}

/**
 * A leaf certificate for exactly `hostname` (one `dNSName`, `serverAuth`), signed by `ca`, for the
 * key pair `leafKey`. The caller decides whether the name may be issued (see `issuer.ts`).
 */
export function issueLeafCertificate(
  ca: CertificateAuthority,
  hostname: string,
  leafKey: { privateKey: KeyObject; publicKey: KeyObject },
  o: CertificateOptions = {},
): IssuedLeaf {
  const now = (o.now ?? (() => new Date()))().getTime();
  const spki = publicKeyInfo(leafKey.publicKey);
  const notAfter = new Date(Math.min(now + LEAF_LIFETIME_DAYS * DAY_MS, Date.parse(ca.certificate.validTo)));
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(o.randomBytes ?? nodeRandomBytes),
    signature: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    issuer: AsnConvert.parse(ca.certificate.raw, Certificate).tbsCertificate.subject,
    validity: new Validity({ notBefore: new Date(now - BACKDATE_MS), notAfter }),
    subject: name([[COMMON_NAME, hostname]]),
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature)),
      extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth])),
      extension(id_ce_subjectAltName, false, new SubjectAlternativeName([new GeneralName({ dNSName: hostname })])),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spki))),
      extension(
        id_ce_authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(ca.keyId) }),
      ),
    ]),
  });
  return {
    certificatePem: signCertificate(tbs, ca.key),
    keyPem: privateKeyPem(leafKey.privateKey),
    notAfter,
  };
}
