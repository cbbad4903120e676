/**
 * @module
 * The go-plugin handshake, as pure functions of the environment: the magic cookie, protocol version
 * negotiation, the port range, and the line printed on stdout.
 */

/** The cookie Terraform sets for its providers (go-plugin `HandshakeConfig` of Terraform). */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** go-plugin's core protocol version (the first field of the handshake line). */
export const CORE_PROTOCOL_VERSION = 1;
/** The Terraform plugin protocol major version this package speaks. */
export const PROTOCOL_VERSION = 6;

/** A problem with how the process was started; `serve` prints the message and exits 1. */
export class HandshakeError extends Error {
  constructor(
    readonly code: 'ERR_NOT_LAUNCHED_BY_TERRAFORM' | 'ERR_PROTOCOL_VERSION' | 'ERR_PORT_RANGE' | 'ERR_CLIENT_CERT',
    message: string,
  ) {
    super(message);
    this.name = 'HandshakeError';
  }
}

export type Env = { readonly [name: string]: string | undefined };

/** Throws unless Terraform started us (the magic cookie), with a message for a person who ran it by hand. */
export function checkMagicCookie(env: Env, providerName: string): void {
  if (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) return;
  throw new HandshakeError(
    'ERR_NOT_LAUNCHED_BY_TERRAFORM',
    `This is a Terraform provider plugin (${providerName}); Terraform starts it, it is not meant to be run directly. ` +
      'Install it with installProvider() into a plugin directory (by default ~/.terraform.d/plugins) and run `terraform init`.',
  );
}

/**
 * Picks the protocol version: 6 when Terraform offers it in `PLUGIN_PROTOCOL_VERSIONS` (Terraform 1.x
 * sends `5,6`); when the variable is absent, 6 as go-plugin servers assume their own version.
 */
export function negotiateProtocolVersion(env: Env): number {
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered === undefined || offered.trim() === '') return PROTOCOL_VERSION;
  const versions = offered.split(',').map((v) => Number.parseInt(v.trim(), 10));
  if (versions.includes(PROTOCOL_VERSION)) return PROTOCOL_VERSION;
  throw new HandshakeError(
    'ERR_PROTOCOL_VERSION',
    `Terraform offered plugin protocol version(s) ${offered}, but this provider speaks only version ${PROTOCOL_VERSION} ` +
      '(Terraform 1.0 or newer).',
  );
}

/** The port range Terraform allows (`PLUGIN_MIN_PORT`/`PLUGIN_MAX_PORT`), or undefined for any free port. */
export function portRange(env: Env): { readonly min: number; readonly max: number } | undefined {
  const { PLUGIN_MIN_PORT: lo, PLUGIN_MAX_PORT: hi } = env;
  if (!lo && !hi) return undefined;
  const min = Number(lo ?? 0);
  const max = Number(hi ?? 65535);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > 65535 || min > max) {
    throw new HandshakeError(
      'ERR_PORT_RANGE',
      `PLUGIN_MIN_PORT=${lo} / PLUGIN_MAX_PORT=${hi} is not a valid port range`,
    );
  }
  return { min, max };
}

/**
 * The handshake line: `1|6|tcp|127.0.0.1:PORT|grpc|CERT`, CERT being the server certificate's DER in
 * standard base64 without padding (go-plugin decodes it with `RawStdEncoding`).
 */
export function handshakeLine(port: number, certificateDer: Uint8Array): string {
  const cert = Buffer.from(certificateDer).toString('base64').replace(/=+$/, '');
  return `${CORE_PROTOCOL_VERSION}|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${cert}`;
}
