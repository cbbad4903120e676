import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ContentInfo } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, PFX, SafeContents } from '@peculiar/asn1-pfx';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { servedHostPatterns } from '../served-hosts.js';
import { CA_ALIAS, openTlsDir, parsePemCertificates } from './ca-dir.js';
import { createCertificateAuthority, permittedSubtreesOf } from './certificates.js';
import { permittedSubtrees } from './hosts.js';
import { ORACLE_TRUSTED_KEY_USAGE } from './trust-store.js';

const SUBTREES = permittedSubtrees(servedHostPatterns());
const hasKeytool = await promisify(execFile)('sh', ['-c', 'command -v keytool']).then(
  () => true,
  () => false,
);
if (!hasKeytool) console.warn('tls/ca-dir.test: skipping the keytool case: keytool (a JDK) is not on PATH');

let dir = '';
let systemCa = '';
const warnings: string[] = [];
const options = () => ({ subtrees: SUBTREES, systemCaFiles: [systemCa], warn: (m: string) => warnings.push(m) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gf-tlsdir-'));
  // A stand-in "system" bundle of one root, so the test does not depend on the machine's roots.
  systemCa = join(dir, 'system-roots.pem');
  await writeFile(systemCa, createCertificateAuthority(['example.invalid'], 'a system root').certificatePem);
  warnings.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openTlsDir', () => {
  it('makes a CA once: key 0600, directory 0700, certificate, bundle and Java trust store', async () => {
    // WHEN the directory is opened twice
    const tls = join(dir, 'tls');
    const first = await openTlsDir(tls, options());
    const second = await openTlsDir(tls, options());
    // THEN the second start keeps the first CA
    expect(first.state).toBe('created');
    expect(second.state).toBe('kept');
    expect(second.fingerprint).toBe(first.fingerprint);
    expect((await stat(tls)).mode & 0o777).toBe(0o700);
    expect((await stat(first.files.caKey)).mode & 0o777).toBe(0o600);
    expect((await stat(first.files.caCertificate)).mode & 0o777).toBe(0o644);
    const keyFile = await readFile(first.files.caKey, 'utf8');
    expect(keyFile).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n/,
    );
    expect(await readFile(first.files.caCertificate, 'utf8')).toBe(first.ca.certificatePem);
    // AND the bundle is the system roots followed by the CA
    const bundle = parsePemCertificates(await readFile(first.files.caBundle, 'utf8'));
    const system = parsePemCertificates(await readFile(systemCa, 'utf8'));
    expect(bundle.map((c) => c.fingerprint256)).toEqual([system[0]?.fingerprint256, first.fingerprint]);
    expect(warnings).toEqual([]);
  });

  it('writes a trust store of trusted-certificate bags Java reads, without MAC or encryption', async () => {
    // GIVEN
    const { files, fingerprint } = await openTlsDir(join(dir, 'tls'), options());
    // WHEN the PKCS#12 file is decoded
    const pfx = AsnConvert.parse(await readFile(files.javaTrustStore), PFX);
    const safe = AsnConvert.parse(AsnConvert.parse(pfx.authSafe.content, OctetString), AuthenticatedSafe);
    const bags = safe.flatMap((info: ContentInfo) =>
      AsnConvert.parse(AsnConvert.parse(info.content, OctetString), SafeContents),
    );
    // THEN two certificate bags, each trusted for any purpose, the CA first under its alias
    expect(pfx.macData.macSalt.byteLength).toBe(0); // absent: the parser leaves its empty default
    expect(bags.map((b) => b.bagAttributes?.map((a) => a.attrId))).toEqual([
      ['1.2.840.113549.1.9.20', ORACLE_TRUSTED_KEY_USAGE],
      ['1.2.840.113549.1.9.20', ORACLE_TRUSTED_KEY_USAGE],
    ]);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it.skipIf(!hasKeytool)('keytool lists the trust store as trusted certificate entries', async () => {
    const { files, fingerprint } = await openTlsDir(join(dir, 'tls'), options());
    const { stdout } = await promisify(execFile)(
      'keytool',
      ['-list', '-keystore', files.javaTrustStore, '-storetype', 'PKCS12', '-storepass', 'any'],
      { env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } },
    );
    expect(stdout).toContain('Your keystore contains 2 entries');
    expect(stdout).toMatch(
      new RegExp(`${CA_ALIAS}, [^\\n]+, trustedCertEntry, \\nCertificate fingerprint \\(SHA-256\\): ${fingerprint}`),
    );
    expect(stdout).toMatch(/root-001, [^\n]+, trustedCertEntry,/);
  });

  it('replaces a CA whose name constraints differ from the hosts served now, with a warning', async () => {
    // GIVEN a CA made for fewer subtrees
    const tls = join(dir, 'tls');
    const old = await openTlsDir(tls, { ...options(), subtrees: ['auth.marketingcloudapis.com'] });
    // WHEN opened for the full list
    const next = await openTlsDir(tls, options());
    // THEN
    expect(next.state).toBe('created');
    expect(next.fingerprint).not.toBe(old.fingerprint);
    expect(permittedSubtreesOf(next.ca.certificate)).toEqual(SUBTREES);
    expect(new X509Certificate(await readFile(next.files.caCertificate)).fingerprint256).toBe(next.fingerprint);
    expect(warnings).toEqual([
      `the CA in ${tls} is replaced by a new one because its name constraints (auth.marketingcloudapis.com) differ from the hosts served now (${SUBTREES.join(', ')}): trust the new ${next.files.caCertificate}`,
    ]);
  });

  it('replaces a CA about to expire, tightens a key file readable by others, rewrites a missing ca.pem', async () => {
    const tls = join(dir, 'tls');
    const made = await openTlsDir(tls, options());
    await chmod(made.files.caKey, 0o644);
    await rm(made.files.caCertificate);
    const kept = await openTlsDir(tls, options());
    expect(kept.state).toBe('kept');
    expect((await stat(made.files.caKey)).mode & 0o777).toBe(0o600);
    expect(await readFile(made.files.caCertificate, 'utf8')).toBe(made.ca.certificatePem);
    expect(warnings).toEqual([`${made.files.caKey} was readable by others (mode 644); it is now 0600`]);
    // WHEN the clock is five years on
    const later = await openTlsDir(tls, { ...options(), now: () => new Date(Date.now() + 5 * 365 * 86_400_000) });
    expect(later.state).toBe('created');
    expect(warnings[1]).toMatch(/^the CA in .+ is replaced by a new one because it expires on /);
  });

  it('refuses a damaged key file, naming it and what to do', async () => {
    const tls = join(dir, 'tls');
    const made = await openTlsDir(tls, options());
    await writeFile(made.files.caKey, 'not a key\n', { mode: 0o600 });
    await expect(openTlsDir(tls, options())).rejects.toThrow(
      `${made.files.caKey} must hold a PRIVATE KEY and a CERTIFICATE (PEM); delete the directory ${tls} to make a new CA`,
    );
  });
});
