/**
 * The TLS side of a real emulator process (`grantform emulator --tls --tls-port 0 --proxy-port 0`),
 * shared by the file: the proxy refuses every host it does not emulate (names under `.invalid`, which
 * never resolve, so a faulty proxy could not reach out anyway) and the emulator's own address; no
 * certificate is ever presented for a name that is not served (SNI); a request must name the host its
 * TLS connection is for (421); the admin API is not reachable over the vendor names; plain-HTTP vendor
 * URLs go through the proxy; the HTTPS listener answers the /etc/hosts way; `GET /_emulator/tls`, the CA
 * files and `env --format github` say what the clients need. Raw sockets (`node:net`, `node:tls`) and
 * curl talk to it: nothing in this process's HTTP stack is involved.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorProcess, startEmulatorProcess } from '../../emulator/src/testing/emulator-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSSD = 'mc563885gzs27c5t9-63k636ttgm';
const AUTH = `${TSSD}.auth.marketingcloudapis.com`;
const SERVED =
  '{tssd}.auth.marketingcloudapis.com, {tssd}.rest.marketingcloudapis.com, {tssd}.soap.marketingcloudapis.com, auth[-s{N}|-test].exacttargetapis.com, authz.constantcontact.com, identity.constantcontact.com, api.cc.email, v3api-partner.auth.us-east-1.amazoncognito.com';
const refused = (what: string) =>
  `grantform emulator proxy: ${what} refused (ERR_PROXY_HOST_REFUSED): this proxy reaches only the emulated vendor hosts (${SERVED}; CONNECT to port 443) and never the network; send other hosts around it with NO_PROXY\n`;

const hasCurl = await promisify(execFile)('sh', ['-c', 'command -v curl']).then(
  () => true,
  () => false,
);
if (!hasCurl) console.warn('test/e2e/tls-proxy: skipping the curl cases: curl is not on PATH');

let work = '';
let emulator: EmulatorProcess | undefined;
let url = '';
let proxy = { host: '127.0.0.1', port: 0 };
let httpsPort = 0;

/** Sends `request` raw to the proxy and returns everything it answers until it closes (or 2 s of quiet). */
function rawProxy(request: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = netConnect(proxy.port, proxy.host);
    let text = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', fail);
    socket.on('close', () => done(text));
    socket.write(request);
  });
}

/** A tunnel through the proxy to `target` (`host:443`), ready for TLS. */
function tunnel(target: string): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = netConnect(proxy.port, proxy.host);
    socket.once('error', fail);
    socket.once('data', (d) => {
      if (d.toString().startsWith('HTTP/1.1 200 ')) done(socket);
      else fail(new Error(d.toString()));
    });
    socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
  });
}

/** TLS over `socket` (or to the HTTPS port) with `servername`, trusting only the emulator's CA. */
async function tlsTo(servername: string | undefined, socket?: Socket): Promise<TLSSocket> {
  const ca = await readFile(join(work, 'tls', 'ca.pem'), 'utf8');
  return new Promise((done, fail) => {
    const s = tlsConnect({
      ...(socket ? { socket } : { host: '127.0.0.1', port: httpsPort }),
      ...(servername === undefined ? {} : { servername }),
      ca,
    });
    s.once('secureConnect', () => done(s));
    s.once('error', fail);
  });
}

/** One HTTP/1.1 request over an open TLS socket; returns the status line and the body. */
function httpOver(socket: TLSSocket, path: string, host: string): Promise<{ status: string; body: string }> {
  return new Promise((done, fail) => {
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', fail);
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      done({ status: head.split('\r\n')[0] ?? '', body });
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'grantform-tls-e2e-'));
  emulator = await startEmulatorProcess(
    ['--port', '0', '--tls', '--tls-dir', join(work, 'tls'), '--proxy-port', '0', '--tls-port', '0'],
    { until: '  client env' },
  );
  url = emulator.url;
  const proxyUrl = new URL(/ {2}proxy {8}(\S+)/.exec(emulator.out)?.[1] ?? '');
  proxy = { host: proxyUrl.hostname, port: Number(proxyUrl.port) };
  httpsPort = Number(/ {2}HTTPS {8}https:\/\/127\.0\.0\.1:(\d+)/.exec(emulator.out)?.[1]);
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('the proxy is no way out', () => {
  it('refuses CONNECT to any other host with a clear 403', async () => {
    // WHEN a client asks for a tunnel to a host the emulator does not serve
    const answer = await rawProxy('CONNECT www.example.invalid:443 HTTP/1.1\r\nHost: www.example.invalid:443\r\n\r\n');
    // THEN
    const body = refused('CONNECT "www.example.invalid:443"');
    expect(answer).toBe(
      `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-grantform-error: ERR_PROXY_HOST_REFUSED\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  it('refuses a served host on another port, a look-alike, an IP address and the emulator itself', async () => {
    for (const target of [
      `${AUTH}:80`,
      `${AUTH}.invalid:443`,
      `evil-${AUTH}:443`,
      '127.0.0.1:443',
      `127.0.0.1:${new URL(url).port}`,
      `localhost:${new URL(url).port}`,
    ]) {
      const answer = await rawProxy(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect(answer.split('\r\n')[0], target).toBe('HTTP/1.1 403 Forbidden');
      expect(answer.endsWith(refused(`CONNECT ${JSON.stringify(target)}`)), target).toBe(true);
    }
  });

  it('refuses plain-HTTP proxying to other hosts and to the admin API, and non-proxy requests', async () => {
    const other = await rawProxy('GET http://www.example.invalid/ HTTP/1.1\r\nHost: www.example.invalid\r\n\r\n');
    expect(other.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    expect(other.endsWith(refused('GET http://www.example.invalid'))).toBe(true);
    const admin = await rawProxy(`GET ${url}/_emulator/state HTTP/1.1\r\nHost: ${new URL(url).host}\r\n\r\n`);
    expect(admin.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    const origin = await rawProxy('GET /_emulator/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(origin.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(origin).toContain('x-grantform-error: ERR_PROXY_BAD_REQUEST');
  });

  it.skipIf(!hasCurl)('curl with HTTPS_PROXY gets the 403 for another host', async () => {
    const result = await promisify(execFile)('curl', ['-sS', 'https://www.example.invalid/'], {
      env: { PATH: process.env.PATH ?? '', HTTPS_PROXY: `http://${proxy.host}:${proxy.port}` },
    }).then(
      () => 'succeeded',
      (err: { code: number; stderr: string }) => `${err.code} ${err.stderr.trim()}`,
    );
    expect(result).toBe('56 curl: (56) CONNECT tunnel failed, response 403');
  });
});

describe('certificates only for the names served', () => {
  it('a TLS handshake for another name through a vendor tunnel fails, and no leaf is issued for it', async () => {
    // GIVEN a tunnel to a served host WHEN the client then asks for another name (SNI)
    const socket = await tunnel(`${AUTH}:443`);
    // THEN the handshake fails
    await expect(tlsTo('www.example.invalid', socket)).rejects.toThrow(/alert|handshake|socket/i);
    const status = (await (await fetch(`${url}/_emulator/tls`)).json()) as { issued: string[] };
    expect(status.issued).not.toContain('www.example.invalid');
  });

  it('the HTTPS port presents no certificate without SNI or for an IP address', async () => {
    await expect(tlsTo(undefined)).rejects.toThrow();
    await expect(tlsTo('www.example.invalid')).rejects.toThrow();
  });

  it('a served name gets a leaf for exactly that name, signed by the CA', async () => {
    const socket = await tlsTo(AUTH, await tunnel(`${AUTH}:443`));
    const leaf = new X509Certificate(socket.getPeerX509Certificate()?.raw ?? Buffer.alloc(0));
    socket.destroy();
    const ca = new X509Certificate(await readFile(join(work, 'tls', 'ca.pem')));
    expect(leaf.subjectAltName).toBe(`DNS:${AUTH}`);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
  });
});

describe('requests over TLS', () => {
  it('must name the host the connection is for (421), so the admin API cannot be reached that way', async () => {
    const misdirected = await httpOver(await tlsTo(AUTH, await tunnel(`${AUTH}:443`)), '/_emulator/state', 'localhost');
    expect(misdirected.status).toBe('HTTP/1.1 421 Misdirected Request');
    expect(JSON.parse(misdirected.body)).toEqual({
      error: 'misdirected_request',
      error_description: `This TLS connection is for ${AUTH}; the request named "localhost". Open a connection for that host.`,
    });
    const adminByVendorName = await httpOver(await tlsTo(AUTH, await tunnel(`${AUTH}:443`)), '/_emulator/state', AUTH);
    expect(adminByVendorName.status).toBe('HTTP/1.1 404 Not Found');
    expect(JSON.parse(adminByVendorName.body)).toEqual({
      error: 'not_found',
      error_description: 'No route for GET on this host.',
    });
  });

  it('answers the vendor routes with https:// vendor URLs (discovery by host name)', async () => {
    const res = await httpOver(
      await tlsTo(AUTH, await tunnel(`${AUTH}:443`)),
      '/.well-known/openid-configuration',
      AUTH,
    );
    expect(res.status).toBe('HTTP/1.1 200 OK');
    expect((JSON.parse(res.body) as { token_endpoint: string }).token_endpoint).toBe(`https://${AUTH}/v2/token`);
  });

  it('proxies plain http:// vendor URLs, and https:// ones sent in absolute form (axios before 1.16.1)', async () => {
    for (const scheme of ['http', 'https']) {
      const answer = await rawProxy(
        `GET ${scheme}://${TSSD}.rest.marketingcloudapis.com/platform/v1/tokenContext HTTP/1.1\r\nHost: wrong.invalid\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.split('\r\n')[0], scheme).toBe('HTTP/1.1 401 Unauthorized');
      expect(answer, scheme).toContain('error="invalid_token"');
    }
  });

  it.skipIf(!hasCurl)('the HTTPS listener serves the real names the /etc/hosts way (curl --connect-to)', async () => {
    const { stdout } = await promisify(execFile)('curl', [
      '-sS',
      '--cacert',
      join(work, 'tls', 'ca.pem'),
      '--connect-to',
      `${AUTH}:443:127.0.0.1:${httpsPort}`,
      `https://${AUTH}/.well-known/openid-configuration`,
    ]);
    expect((JSON.parse(stdout) as { issuer: string }).issuer).toBe(`https://${AUTH}/`);
  });
});

describe('what the clients need', () => {
  it('GET /_emulator/tls and /tls/ca.pem describe the CA, its files and the proxy', async () => {
    const status = (await (await fetch(`${url}/_emulator/tls`)).json()) as Record<string, unknown> & {
      ca: { fingerprintSha256: string; certificatePem: string; permittedSubtrees: string[]; state: string };
      files: Record<string, string>;
    };
    const dir = join(work, 'tls');
    const ca = new X509Certificate(await readFile(join(dir, 'ca.pem')));
    expect(status.enabled).toBe(true);
    expect(status.ca.fingerprintSha256).toBe(ca.fingerprint256);
    expect(status.ca.state).toBe('created');
    expect(status.ca.permittedSubtrees).toEqual([
      'api.cc.email',
      'auth.marketingcloudapis.com',
      'authz.constantcontact.com',
      'exacttargetapis.com',
      'identity.constantcontact.com',
      'rest.marketingcloudapis.com',
      'soap.marketingcloudapis.com',
      'v3api-partner.auth.us-east-1.amazoncognito.com',
    ]);
    expect(status.files).toEqual({
      dir,
      caCertificate: join(dir, 'ca.pem'),
      caBundle: join(dir, 'ca-bundle.pem'),
      javaTrustStore: join(dir, 'truststore.p12'),
    });
    expect(status.proxyUrl).toBe(`http://${proxy.host}:${proxy.port}`);
    expect(status.httpsUrl).toBe(`https://127.0.0.1:${httpsPort}`);
    expect(await (await fetch(`${url}/_emulator/tls/ca.pem`)).text()).toBe(status.ca.certificatePem);
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('env --format github appends the variables to $GITHUB_ENV', async () => {
    const file = join(work, 'github-env');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['emulator/bin/grantform-emulator.js', 'env', '--url', url, '--format', 'github'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', GITHUB_ENV: file } },
    );
    const dir = join(work, 'tls');
    const p = `http://${proxy.host}:${proxy.port}`;
    expect(stdout).toBe(
      'appended 12 variables to $GITHUB_ENV: HTTPS_PROXY, https_proxy, HTTP_PROXY, http_proxy, NO_PROXY, no_proxy, NODE_USE_ENV_PROXY, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, JAVA_TOOL_OPTIONS\n',
    );
    expect(await readFile(file, 'utf8')).toBe(
      [
        `HTTPS_PROXY=${p}`,
        `https_proxy=${p}`,
        `HTTP_PROXY=${p}`,
        `http_proxy=${p}`,
        'NO_PROXY=localhost,127.0.0.1,::1',
        'no_proxy=localhost,127.0.0.1,::1',
        'NODE_USE_ENV_PROXY=1',
        `NODE_EXTRA_CA_CERTS=${dir}/ca.pem`,
        `SSL_CERT_FILE=${dir}/ca-bundle.pem`,
        `REQUESTS_CA_BUNDLE=${dir}/ca-bundle.pem`,
        `CURL_CA_BUNDLE=${dir}/ca-bundle.pem`,
        `JAVA_TOOL_OPTIONS=-Dhttps.proxyHost=${proxy.host} -Dhttps.proxyPort=${proxy.port} -Dhttp.proxyHost=${proxy.host} -Dhttp.proxyPort=${proxy.port} -Dhttp.nonProxyHosts=localhost|127.*|[::1] -Djavax.net.ssl.trustStore=${dir}/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12`,
        '',
      ].join('\n'),
    );
  });
});
