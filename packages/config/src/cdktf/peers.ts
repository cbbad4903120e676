/**
 * @module
 * The optional peer dependencies of `@grantform/config/cdktf`, checked before anything imports
 * them: without them the subpath throws {@link CdktfPeersMissingError} naming what is missing and
 * how to install it, instead of Node's bare "Cannot find package".
 */

/** The peers and the versions this package is built and tested with. */
export const CDKTF_PEERS = { cdktf: '0.21.0', '@cdktf/provider-null': '11.0.1' } as const;

export type CdktfPeer = keyof typeof CDKTF_PEERS;

/** The module each peer is probed with (the ones the stack imports). */
const PROBES: Record<CdktfPeer, string> = {
  cdktf: 'cdktf',
  '@cdktf/provider-null': '@cdktf/provider-null/lib/provider/index.js',
};

/** `@grantform/config/cdktf` was imported without `cdktf` and/or `@cdktf/provider-null` installed. */
export class CdktfPeersMissingError extends Error {
  readonly code = 'ERR_CDKTF_MISSING';
  /** The missing packages, in `CDKTF_PEERS` order. */
  readonly missing: readonly CdktfPeer[];
  /** The command that installs them: `npm install --save-dev cdktf@0.21.0 …`. */
  readonly install: string;

  constructor(missing: readonly CdktfPeer[]) {
    const names = missing.join(' and ');
    const install = `npm install --save-dev ${missing.map((p) => `${p}@${CDKTF_PEERS[p]}`).join(' ')}`;
    super(
      `@grantform/config/cdktf needs the optional peer ${missing.length === 1 ? 'dependency' : 'dependencies'} ${names}, ` +
        `which ${missing.length === 1 ? 'is' : 'are'} not installed: ${install}`,
    );
    this.name = new.target.name;
    this.missing = missing;
    this.install = install;
  }
}

/** Node's answer when a package is not installed: `Cannot find package 'cdktf' imported from …`. */
function isNotInstalled(err: unknown, pkg: string): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'ERR_MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${pkg}'`);
}

/**
 * Throws {@link CdktfPeersMissingError} when a peer is not installed; rethrows any other failure
 * to load one. `load` imports a specifier (tests pass their own).
 */
export async function assertCdktfPeers(
  load: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<void> {
  const missing: CdktfPeer[] = [];
  for (const peer of Object.keys(CDKTF_PEERS) as CdktfPeer[]) {
    try {
      await load(PROBES[peer]);
    } catch (err) {
      if (!isNotInstalled(err, peer)) throw err;
      missing.push(peer);
    }
  }
  if (missing.length > 0) throw new CdktfPeersMissingError(missing);
}
