import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServerCertificate, pemEncode } from './certificate.js';
import {
  checkMagicCookie,
  HandshakeError,
  handshakeLine,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  negotiateProtocolVersion,
  portRange,
} from './handshake.js';

describe('handshake line', () => {
  it('is 1|6|tcp|127.0.0.1:PORT|grpc|CERT with the DER in base64 without padding', () => {
    // GIVEN DER lengths that need 0, 1 and 2 padding characters in standard base64
    for (const [length, unpadded] of [
      [3, 'AAEC'],
      [4, 'AAECAw'],
      [5, 'AAECAwQ'],
    ] as const) {
      const der = Uint8Array.from({ length }, (_, i) => i);
      // WHEN the line is written
      const line = handshakeLine(10001, der);
      // THEN the certificate field has no '=' and decodes back to the DER
      expect(line).toBe(`1|6|tcp|127.0.0.1:10001|grpc|${unpadded}`);
      expect(Buffer.from(line.split('|')[5]!, 'base64')).toEqual(Buffer.from(der));
    }
  });
});

describe('magic cookie', () => {
  it('passes when Terraform set it', () => {
    expect(() => checkMagicCookie({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE }, 'terraform-provider-toy')).not.toThrow();
  });

  it('explains, when run by hand, what the executable is and how to install it', () => {
    expect(() => checkMagicCookie({}, 'terraform-provider-toy')).toThrow(
      new HandshakeError(
        'ERR_NOT_LAUNCHED_BY_TERRAFORM',
        'This is a Terraform provider plugin (terraform-provider-toy); Terraform starts it, it is not meant to be run directly. ' +
          'Install it with installProvider() into a plugin directory (by default ~/.terraform.d/plugins) and run `terraform init`.',
      ),
    );
    expect(() => checkMagicCookie({ [MAGIC_COOKIE_KEY]: 'wrong' }, 'x')).toThrow(HandshakeError);
  });
});

describe('protocol version negotiation', () => {
  it('picks 6 from what Terraform offers, and 6 when nothing is offered', () => {
    expect(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '5,6' })).toBe(6);
    expect(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '6' })).toBe(6);
    expect(negotiateProtocolVersion({})).toBe(6);
  });

  it('refuses an offer without 6, saying what was offered and what is needed', () => {
    expect(() => negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '4,5' })).toThrow(
      'Terraform offered plugin protocol version(s) 4,5, but this provider speaks only version 6 (Terraform 1.0 or newer).',
    );
  });
});

describe('port range', () => {
  it('reads PLUGIN_MIN_PORT/PLUGIN_MAX_PORT', () => {
    expect(portRange({ PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' })).toEqual({ min: 10000, max: 25000 });
    expect(portRange({})).toBe(undefined);
  });

  it('refuses a range that is not one', () => {
    expect(() => portRange({ PLUGIN_MIN_PORT: '20', PLUGIN_MAX_PORT: '10' })).toThrow(
      'PLUGIN_MIN_PORT=20 / PLUGIN_MAX_PORT=10 is not a valid port range',
    );
  });
});

describe('server certificate', () => {
  it('PEM-encodes a body of an exact multiple of 64 base64 characters without an empty line', () => {
    // GIVEN 96 bytes (128 base64 characters: two full lines) and 97 bytes (a third, short line)
    // WHEN encoded THEN every line is full except the last, and none is empty (OpenSSL rejects that PEM)
    const A = 'A'.repeat(64);
    expect(pemEncode('CERTIFICATE', new Uint8Array(96))).toBe(
      `-----BEGIN CERTIFICATE-----\n${A}\n${A}\n-----END CERTIFICATE-----\n`,
    );
    expect(pemEncode('CERTIFICATE', new Uint8Array(97))).toBe(
      `-----BEGIN CERTIFICATE-----\n${A}\n${A}\nAA==\n-----END CERTIFICATE-----\n`,
    );
  });

  it('has a minimally encoded positive serial whatever the random bytes (zeros, all ones)', () => {
    for (const fill of [0x00, 0xff, 0x80, 0x3f]) {
      const cert = new X509Certificate(
        Buffer.from(createServerCertificate(new Date(), (n) => Buffer.alloc(n, fill)).der),
      );
      expect(cert.serialNumber.length).toBe(32);
      expect(Number.parseInt(cert.serialNumber.slice(0, 2), 16) & 0xc0).toBe(0x40);
    }
  });

  it('is self-signed for DNS:localhost, usable for server and client auth, valid now', () => {
    // GIVEN a certificate made at a fixed time
    const now = new Date('2026-12-02T10:00:00Z');
    const cert = new X509Certificate(Buffer.from(createServerCertificate(now).der));
    // THEN it is what go-plugin's client checks for
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(new Date(cert.validFrom).getTime()).toBe(now.getTime() - 60_000);
    expect(new Date(cert.validTo).getTime()).toBe(now.getTime() + 30 * 86_400_000);
  });
});
