/**
 * @module
 * A PKCS#12 trust store Java accepts (`-Djavax.net.ssl.trustStore=…`), written by the emulator itself so
 * neither `keytool` nor a JDK is needed where it runs. Java (8u and later, 17 included) ignores a
 * certificate-only entry in a PKCS#12 file unless the bag carries Oracle's trusted-key-usage attribute
 * (`2.16.840.1.113894.746875.1.1`, here `anyExtendedKeyUsage`): that attribute is what `keytool
 * -importcert` writes and what OpenSSL 3.2 writes with `-jdktrust anyExtendedKeyUsage`. Each
 * certificate goes into a plain (unencrypted) `certBag` and the file has no MAC, like `keytool` with
 * `keystore.pkcs12.certProtectionAlgorithm=NONE` and `keystore.pkcs12.macAlgorithm=NONE`: a trust store
 * holds no secret, so Java loads it with any password or none. Encoded with `@peculiar/asn1-pfx`
 * (RFC 7292 structures; the attribute's OID value by asn1js, which those schemas are built on); pure.
 */
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_x509Certificate,
  PFX,
  PKCS12Attribute,
  SafeBag,
  SafeContents,
} from '@peculiar/asn1-pfx';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { anyExtendedKeyUsage, DirectoryString } from '@peculiar/asn1-x509';
import { ObjectIdentifier } from 'asn1js';

/** Oracle's "trusted key usage" bag attribute (the JDK's `ORACLE_TrustedKeyUsage`). */
export const ORACLE_TRUSTED_KEY_USAGE = '2.16.840.1.113894.746875.1.1';
/** PKCS#9 friendlyName: the entry's alias in Java. */
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';

/** A certificate Java is to trust, and the alias `keytool -list` shows for it. */
export interface TrustedCertificate {
  readonly alias: string;
  /** DER bytes. */
  readonly der: Uint8Array;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** `data` ContentInfo wrapping `inner` (an OCTET STRING, as RFC 7292 §4.1 wants). */
function dataContent(inner: ArrayBuffer): ContentInfo {
  return new ContentInfo({ contentType: id_data, content: AsnConvert.serialize(new OctetString(inner)) });
}

/**
 * A bag attribute. Assigned after construction: `PKCS12Attribute`'s constructor (asn1-pfx 2.11.1) drops
 * its parameters (`Object.assign(params)`), which would encode an empty attribute.
 */
function attribute(attrId: string, value: ArrayBuffer): PKCS12Attribute {
  return Object.assign(new PKCS12Attribute(), { attrId, attrValues: [value] });
}

function certBag(cert: TrustedCertificate): SafeBag {
  return new SafeBag({
    bagId: id_certBag,
    bagValue: AsnConvert.serialize(
      new CertBag({
        certId: id_x509Certificate,
        certValue: AsnConvert.serialize(new OctetString(toArrayBuffer(cert.der))),
      }),
    ),
    bagAttributes: [
      attribute(FRIENDLY_NAME, AsnConvert.serialize(new DirectoryString({ bmpString: cert.alias }))),
      attribute(ORACLE_TRUSTED_KEY_USAGE, new ObjectIdentifier({ value: anyExtendedKeyUsage }).toBER()),
    ],
  });
}

/** The PKCS#12 file (DER) trusting `certificates`, aliases kept unique by the caller. */
export function pkcs12TrustStore(certificates: readonly TrustedCertificate[]): Uint8Array {
  const contents = new SafeContents(certificates.map(certBag));
  const safe = new AuthenticatedSafe([dataContent(AsnConvert.serialize(contents))]);
  const pfx = new PFX({ version: 3, authSafe: dataContent(AsnConvert.serialize(safe)) });
  Reflect.deleteProperty(pfx, 'macData'); // the schema's default is an empty MacData; a trust store has none
  return new Uint8Array(AsnConvert.serialize(pfx));
}
