/**
 * @module
 * The server certificate for go-plugin's AutoMTLS: a fresh ECDSA P-256 key and a self-signed
 * certificate for `DNS:localhost` (Terraform checks that name and trusts exactly the certificate in
 * the handshake line; like go-plugin's own certificates it is a CA usable for server and client
 * authentication), valid from a minute ago for 30 days. Built with @peculiar/asn1-x509 (the
 * ASN.1 layer of @peculiar/x509, about half its start-up cost) and signed with node:crypto. Nothing
 * is written to disk: a new key per process.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_kp_clientAuth,
  id_kp_serverAuth,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';

/** Terraform's `PLUGIN_CLIENT_CERT` has the same shape, so tests use this for client certificates too. */
export interface ServerCertificate {
  /** DER bytes, for the handshake line. */
  readonly der: Uint8Array;
  /** PEM, for the TLS server. */
  readonly certPem: string;
  readonly keyPem: string;
}

/** Generates the key pair and certificate. `now` and `random` (the serial number's bytes) are injectable for tests. */
export function createServerCertificate(
  now: Date = new Date(),
  random: (size: number) => Buffer = randomBytes,
): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: COMMON_NAME, value: new AttributeValue({ printableString: 'localhost' }) }),
    ]),
  ]);
  const signature = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const serial = random(16);
  // A DER INTEGER must be positive here and minimally encoded: no leading zero byte (OpenSSL rejects
  // the certificate with "illegal padding" otherwise). A first byte in 0x40..0x7f is both.
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: arrayBuffer(serial),
    signature,
    issuer: name,
    subject: name,
    validity: new Validity({
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 30 * 86_400_000),
    }),
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_subjectAltName, false, new SubjectAlternativeName([new GeneralName({ dNSName: 'localhost' })])),
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
      extension(
        id_ce_keyUsage,
        true,
        new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment | KeyUsageFlags.keyCertSign),
      ),
      extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth, id_kp_clientAuth])),
    ]),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: signature,
    signatureValue: arrayBuffer(sign('sha256', tbsDer, { key: privateKey, dsaEncoding: 'der' })),
  });
  const der = new Uint8Array(AsnConvert.serialize(cert));
  return {
    der,
    certPem: pemEncode('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function extension(extnID: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

/** DER as PEM: base64 in 64-character lines, never an empty line (a body of an exact multiple of 64). */
export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}
