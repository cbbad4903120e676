import { describe, expect, it } from 'vitest';
import { proxyEnvironment, renderEnvironment } from './env-vars.js';

const source = {
  proxyUrl: 'http://127.0.0.1:4011',
  files: { caCertificate: '/w/tls/ca.pem', caBundle: '/w/tls/ca-bundle.pem', javaTrustStore: '/w/tls/truststore.p12' },
};
const JAVA_TRUST = '-Djavax.net.ssl.trustStore=/w/tls/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12';

describe('proxyEnvironment', () => {
  it('names the proxy, keeps loopback direct, and points every runtime at the CA', () => {
    expect(proxyEnvironment(source, { emulatorHost: '127.0.0.1' })).toEqual([
      ['HTTPS_PROXY', 'http://127.0.0.1:4011'],
      ['https_proxy', 'http://127.0.0.1:4011'],
      ['HTTP_PROXY', 'http://127.0.0.1:4011'],
      ['http_proxy', 'http://127.0.0.1:4011'],
      ['NO_PROXY', 'localhost,127.0.0.1,::1'],
      ['no_proxy', 'localhost,127.0.0.1,::1'],
      ['NODE_USE_ENV_PROXY', '1'],
      ['NODE_EXTRA_CA_CERTS', '/w/tls/ca.pem'],
      ['SSL_CERT_FILE', '/w/tls/ca-bundle.pem'],
      ['REQUESTS_CA_BUNDLE', '/w/tls/ca-bundle.pem'],
      ['CURL_CA_BUNDLE', '/w/tls/ca-bundle.pem'],
      [
        'JAVA_TOOL_OPTIONS',
        `-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=4011 -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=4011 -Dhttp.nonProxyHosts=localhost|127.*|[::1] ${JAVA_TRUST}`,
      ],
    ]);
  });

  it('keeps an emulator reached by another name out of the proxy too', () => {
    const vars = new Map(
      proxyEnvironment({ ...source, proxyUrl: 'http://emulator:4011' }, { emulatorHost: 'emulator' }),
    );
    expect(vars.get('NO_PROXY')).toBe('localhost,127.0.0.1,::1,emulator');
    expect(vars.get('JAVA_TOOL_OPTIONS')).toContain('-Dhttps.proxyHost=emulator -Dhttps.proxyPort=4011');
    expect(vars.get('JAVA_TOOL_OPTIONS')).toContain('-Dhttp.nonProxyHosts=localhost|127.*|[::1]|emulator ');
  });

  it('--ca-only: the trust variables alone (the /etc/hosts way)', () => {
    expect(proxyEnvironment(source, { caOnly: true })).toEqual([
      ['NODE_EXTRA_CA_CERTS', '/w/tls/ca.pem'],
      ['SSL_CERT_FILE', '/w/tls/ca-bundle.pem'],
      ['REQUESTS_CA_BUNDLE', '/w/tls/ca-bundle.pem'],
      ['CURL_CA_BUNDLE', '/w/tls/ca-bundle.pem'],
      ['JAVA_TOOL_OPTIONS', JAVA_TRUST],
    ]);
  });

  it('refuses a TLS directory path with spaces, which JAVA_TOOL_OPTIONS cannot carry', () => {
    const spaced = { ...source, files: { ...source.files, javaTrustStore: '/my dir/truststore.p12' } };
    expect(() => proxyEnvironment(spaced)).toThrow(
      'the TLS directory path "/my dir/truststore.p12" contains white space, which JAVA_TOOL_OPTIONS cannot carry: use a --tls-dir without spaces',
    );
  });
});

describe('renderEnvironment', () => {
  const vars: [string, string][] = [
    ['A', "it's"],
    ['B', 'x y|z'],
  ];
  it('shell: export lines, single-quoted', () => {
    expect(renderEnvironment(vars, 'shell')).toBe("export A='it'\\''s'\nexport B='x y|z'\n");
  });
  it('github and dotenv: NAME=value lines', () => {
    expect(renderEnvironment(vars, 'github')).toBe("A=it's\nB=x y|z\n");
    expect(renderEnvironment(vars, 'dotenv')).toBe("A=it's\nB=x y|z\n");
  });
  it('refuses a value spanning lines', () => {
    expect(() => renderEnvironment([['A', 'x\ny']], 'github')).toThrow(
      'A would span lines, which github output cannot carry',
    );
  });
});
