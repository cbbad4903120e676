import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { servedHostPatterns } from '../served-hosts.js';
import {
  createCertificateAuthority,
  createKeyPair,
  issueLeafCertificate,
  permittedSubtreesOf,
  privateKeyPem,
  readCertificateAuthority,
} from './certificates.js';
import { permittedSubtrees } from './hosts.js';
import { createLeafIssuer, MAX_CACHED } from './issuer.js';

const SUBTREES = permittedSubtrees(servedHostPatterns());
const NOW = new Date('2026-06-01T12:00:00Z');
const AUTH = 'mc563885gzs27c5t9-63k636ttgm.auth.marketingcloudapis.com';
const hasOpenssl = await promisify(execFile)('sh', ['-c', 'command -v openssl']).then(
  () => true,
  () => false,
);
if (!hasOpenssl) console.warn('tls/certificates.test: skipping the openssl verify cases: openssl is not on PATH');

describe('createCertificateAuthority', () => {
  it('makes a name-constrained CA valid for five years', () => {
    // WHEN
    const ca = createCertificateAuthority(SUBTREES, 'test', { now: () => NOW });
    // THEN
    expect(ca.certificate.ca).toBe(true);
    expect(ca.certificate.subject).toBe('O=grantform emulator\nCN=grantform emulator local CA (test)');
    expect(ca.certificate.validFrom).toBe('Jun  1 11:00:00 2026 GMT');
    expect(ca.certificate.validTo).toBe('May 31 12:00:00 2031 GMT');
    expect(permittedSubtreesOf(ca.certificate)).toEqual(SUBTREES);
    expect(ca.certificate.verify(ca.certificate.publicKey)).toBe(true);
  });

  it('reads back from its PEM key and certificate, and refuses a key of another CA', () => {
    const ca = createCertificateAuthority(SUBTREES, 'test');
    const other = createCertificateAuthority(SUBTREES, 'other');
    expect(readCertificateAuthority(privateKeyPem(ca.key), ca.certificatePem).certificate.fingerprint256).toBe(
      ca.certificate.fingerprint256,
    );
    expect(() => readCertificateAuthority(privateKeyPem(other.key), ca.certificatePem)).toThrow(
      'the CA certificate is not a CA certificate for this key',
    );
  });
});

describe('issueLeafCertificate', () => {
  it('issues a 30-day serverAuth leaf for exactly one name, signed by the CA', () => {
    // GIVEN
    const ca = createCertificateAuthority(SUBTREES, 'test', { now: () => NOW });
    // WHEN
    const leaf = issueLeafCertificate(ca, AUTH, createKeyPair(), { now: () => NOW });
    // THEN
    const cert = new X509Certificate(leaf.certificatePem);
    expect(cert.subjectAltName).toBe(`DNS:${AUTH}`);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca.certificate)).toBe(true);
    expect(cert.verify(ca.certificate.publicKey)).toBe(true);
    expect(cert.checkHost(AUTH)).toBe(AUTH);
    expect(cert.checkHost('other.auth.marketingcloudapis.com')).toBeUndefined();
    expect(leaf.notAfter.toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });

  it.skipIf(!hasOpenssl)(
    'OpenSSL (-x509_strict) accepts a served name and rejects one outside the constraints',
    async () => {
      // GIVEN a CA and two leaves signed by its key: one served, one that no issuer would ever make
      const dir = await mkdtemp(join(tmpdir(), 'gf-certs-'));
      const ca = createCertificateAuthority(SUBTREES, 'test');
      await writeFile(join(dir, 'ca.pem'), ca.certificatePem);
      await writeFile(join(dir, 'ok.pem'), issueLeafCertificate(ca, AUTH, createKeyPair()).certificatePem);
      await writeFile(
        join(dir, 'bad.pem'),
        issueLeafCertificate(ca, 'www.example.invalid', createKeyPair()).certificatePem,
      );
      const verify = (file: string) =>
        promisify(execFile)('openssl', [
          'verify',
          '-x509_strict',
          '-CAfile',
          join(dir, 'ca.pem'),
          join(dir, file),
        ]).then(
          (r) => r.stdout.trim(),
          (e: { stdout: string; stderr: string }) => `${e.stdout}${e.stderr}`.trim(),
        );
      // WHEN / THEN
      expect(await verify('ok.pem')).toBe(`${join(dir, 'ok.pem')}: OK`);
      expect(await verify('bad.pem')).toContain('permitted subtree violation');
    },
  );
});

describe('createLeafIssuer', () => {
  const ca = createCertificateAuthority(SUBTREES, 'test');
  const served = servedHostPatterns()
    .map((p) => p.display)
    .join(', ');

  it('never issues a certificate for a name that is not served', () => {
    // GIVEN an issuer
    const issuer = createLeafIssuer(ca, servedHostPatterns());
    // WHEN asked for other names THEN it refuses each, and issued nothing
    for (const name of [
      'www.example.invalid',
      'marketingcloudapis.com',
      'auth.marketingcloudapis.com',
      'x.auth.marketingcloudapis.com',
      `${AUTH}.invalid`,
      `a.${AUTH}`,
      'auth-s7x.exacttargetapis.com',
      'www.exacttargetapis.com',
      'constantcontact.com',
      '127.0.0.1',
      '*.auth.marketingcloudapis.com',
      '',
    ]) {
      expect(() => issuer.secureContext(name), name).toThrow(
        `no certificate for ${JSON.stringify(name)}: the emulator serves only ${served}`,
      );
    }
    expect(issuer.issued()).toEqual([]);
  });

  it('issues for every served family, lower-cased, and caches each name', () => {
    const issuer = createLeafIssuer(ca, servedHostPatterns());
    const names = [
      AUTH.toUpperCase(),
      'mc563885gzs27c5t9-63k636ttgm.rest.marketingcloudapis.com.',
      'mc563885gzs27c5t9-63k636ttgm.soap.marketingcloudapis.com',
      'auth.exacttargetapis.com',
      'auth-s7.exacttargetapis.com',
      'auth-test.exacttargetapis.com',
      'authz.constantcontact.com',
      'identity.constantcontact.com',
      'api.cc.email',
      'v3api-partner.auth.us-east-1.amazoncognito.com',
    ];
    for (const n of names) issuer.secureContext(n);
    const first = issuer.certificatePem(AUTH);
    expect(issuer.certificatePem(AUTH)).toBe(first);
    expect(issuer.issued()).toEqual(names.map((n) => n.toLowerCase().replace(/\.$/, '')));
    expect(new X509Certificate(issuer.certificatePem('api.cc.email')).subjectAltName).toBe('DNS:api.cc.email');
  });

  it('keeps at most maxCached names (default MAX_CACHED), dropping the oldest', () => {
    const issuer = createLeafIssuer(ca, servedHostPatterns(), { maxCached: 2 });
    issuer.secureContext('api.cc.email');
    issuer.secureContext('authz.constantcontact.com');
    issuer.secureContext('identity.constantcontact.com');
    expect(issuer.issued()).toEqual(['authz.constantcontact.com', 'identity.constantcontact.com']);
    expect(MAX_CACHED).toBe(1000);
  });

  it('reissues a leaf a day before it ends', () => {
    let now = NOW.getTime();
    const issuer = createLeafIssuer(ca, servedHostPatterns(), { now: () => new Date(now) });
    const first = issuer.certificatePem(AUTH);
    now += 28 * 86_400_000;
    expect(issuer.certificatePem(AUTH)).toBe(first);
    now += 2 * 86_400_000;
    expect(issuer.certificatePem(AUTH)).not.toBe(first);
  });
});
