/**
 * @module
 * The environment variables that send unmodified clients, in any language, to a running emulator's TLS
 * side (`grantform emulator env`), and how they are printed. Pure: the status comes from
 * `GET /_emulator/tls`, the output goes wherever the caller writes it.
 *
 * | variable | read by |
 * | --- | --- |
 * | `HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY`, `http_proxy` | curl (plain-HTTP proxy only from lower case), Python, Go, Ruby, .NET, axios (≥ 1.16.1 tunnels HTTPS with CONNECT), Node ≥ 22.21 / 24.5 with `NODE_USE_ENV_PROXY` |
 * | `NO_PROXY`, `no_proxy` | the same; keeps `localhost`, `127.0.0.1`, `::1` (and the emulator's own host) direct, so the admin API and local services are never proxied |
 * | `NODE_USE_ENV_PROXY=1` | Node ≥ 22.21 and ≥ 24.5: `fetch` and `http(s)` then use the proxy variables (Node 20 ignores it) |
 * | `NODE_EXTRA_CA_CERTS` | Node: the CA, added to the bundled roots |
 * | `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE` | OpenSSL-based clients (Python's `ssl`, Ruby, PHP), Python requests, curl: they replace the default roots, so they name the bundle (system roots + the CA) |
 * | `JAVA_TOOL_OPTIONS` | every JVM: proxy properties and the PKCS#12 trust store (system roots + the CA) |
 */

export type EnvFormat = 'shell' | 'github' | 'dotenv';
export const ENV_FORMATS: readonly EnvFormat[] = ['shell', 'github', 'dotenv'];

/** What the variables are made of (fields of `GET /_emulator/tls`). */
export interface EnvSource {
  readonly proxyUrl: string;
  readonly files: { readonly caCertificate: string; readonly caBundle: string; readonly javaTrustStore: string };
}

export interface EnvOptions {
  /** Only the trust variables (for the `--tls-port 443` + /etc/hosts way, no proxy). @default false */
  readonly caOnly?: boolean;
  /** The emulator's own host name, kept out of the proxy too when it is not a loopback name. */
  readonly emulatorHost?: string;
}

/** Loopback names that never go through the proxy. */
export const DIRECT_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Java's `http.nonProxyHosts` for the same hosts (its own syntax: `|`-separated, `*` wildcards). */
function javaNonProxyHosts(extra: string | undefined): string {
  return ['localhost', '127.*', '[::1]', ...(extra === undefined ? [] : [extra])].join('|');
}

function extraDirectHost(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return DIRECT_HOSTS.includes(bare) || bare.startsWith('127.') || bare === '0.0.0.0' ? undefined : bare;
}

/** `[name, value]` pairs in the order they are printed. Throws when a path cannot be carried. */
export function proxyEnvironment(source: EnvSource, o: EnvOptions = {}): [string, string][] {
  const direct = extraDirectHost(o.emulatorHost);
  const { caCertificate, caBundle, javaTrustStore } = source.files;
  for (const path of [caCertificate, caBundle, javaTrustStore]) {
    if (/\s/.test(path)) {
      throw new Error(
        `the TLS directory path ${JSON.stringify(path)} contains white space, which JAVA_TOOL_OPTIONS cannot carry: use a --tls-dir without spaces`,
      );
    }
  }
  const proxy = new URL(source.proxyUrl);
  const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
  const java = [
    ...(o.caOnly
      ? []
      : [
          `-Dhttps.proxyHost=${proxyHost}`,
          `-Dhttps.proxyPort=${proxy.port}`,
          `-Dhttp.proxyHost=${proxyHost}`,
          `-Dhttp.proxyPort=${proxy.port}`,
          `-Dhttp.nonProxyHosts=${javaNonProxyHosts(direct)}`,
        ]),
    `-Djavax.net.ssl.trustStore=${javaTrustStore}`,
    '-Djavax.net.ssl.trustStoreType=PKCS12',
  ].join(' ');
  const noProxy = [...DIRECT_HOSTS, ...(direct === undefined ? [] : [direct])].join(',');
  const proxyVars: [string, string][] = o.caOnly
    ? []
    : [
        ['HTTPS_PROXY', source.proxyUrl],
        ['https_proxy', source.proxyUrl],
        ['HTTP_PROXY', source.proxyUrl],
        ['http_proxy', source.proxyUrl],
        ['NO_PROXY', noProxy],
        ['no_proxy', noProxy],
        ['NODE_USE_ENV_PROXY', '1'],
      ];
  return [
    ...proxyVars,
    ['NODE_EXTRA_CA_CERTS', caCertificate],
    ['SSL_CERT_FILE', caBundle],
    ['REQUESTS_CA_BUNDLE', caBundle],
    ['CURL_CA_BUNDLE', caBundle],
    ['JAVA_TOOL_OPTIONS', java],
  ];
}

/** POSIX shell single quoting. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The variables as text: `shell` (`export NAME='value'`, for `eval "$(…)"`), `github` (`NAME=value`,
 * the `$GITHUB_ENV` file's format) or `dotenv` (`NAME=value`, for `docker run --env-file` and dotenv
 * loaders; values unquoted, as Docker reads them literally).
 */
export function renderEnvironment(vars: readonly [string, string][], format: EnvFormat): string {
  for (const [name, value] of vars) {
    if (/[\r\n]/.test(value)) throw new Error(`${name} would span lines, which ${format} output cannot carry`);
  }
  const lines = vars.map(([name, value]) =>
    format === 'shell' ? `export ${name}=${shellQuote(value)}` : `${name}=${value}`,
  );
  return `${lines.join('\n')}\n`;
}
