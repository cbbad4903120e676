import { describe, expect, it } from 'vitest';
import { assertCdktfPeers, CdktfPeersMissingError } from './peers.js';

/** What Node throws for a package that is not installed. */
function notInstalled(pkg: string): Error {
  return Object.assign(new Error(`Cannot find package '${pkg}' imported from /project/node_modules/x.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

describe('assertCdktfPeers', () => {
  it('passes when both peers load', async () => {
    // GIVEN the peers installed (this repository has them) / WHEN / THEN
    await expect(assertCdktfPeers()).resolves.toBeUndefined();
  });

  it('names both missing peers and the install command', async () => {
    // GIVEN neither peer installed
    const load = async (specifier: string) => {
      throw notInstalled(specifier.startsWith('@cdktf/') ? '@cdktf/provider-null' : 'cdktf');
    };
    // WHEN
    const err = await assertCdktfPeers(load).catch((e: unknown) => e);
    // THEN
    expect(err).toBeInstanceOf(CdktfPeersMissingError);
    expect(err).toMatchObject({
      code: 'ERR_CDKTF_MISSING',
      missing: ['cdktf', '@cdktf/provider-null'],
      install: 'npm install --save-dev cdktf@0.21.0 @cdktf/provider-null@11.0.1',
      message:
        '@grantform/config/cdktf needs the optional peer dependencies cdktf and @cdktf/provider-null, which are not installed: npm install --save-dev cdktf@0.21.0 @cdktf/provider-null@11.0.1',
    });
  });

  it('names the one missing peer', async () => {
    // GIVEN cdktf installed, @cdktf/provider-null not
    const load = async (specifier: string) => {
      if (specifier.startsWith('@cdktf/')) throw notInstalled('@cdktf/provider-null');
    };
    // WHEN / THEN
    await expect(assertCdktfPeers(load)).rejects.toMatchObject({
      missing: ['@cdktf/provider-null'],
      message:
        '@grantform/config/cdktf needs the optional peer dependency @cdktf/provider-null, which is not installed: npm install --save-dev @cdktf/provider-null@11.0.1',
    });
  });

  it('rethrows any other failure to load a peer', async () => {
    // GIVEN cdktf installed but one of its own dependencies missing
    const broken = notInstalled('jsii-runtime');
    const load = async (specifier: string) => {
      if (specifier === 'cdktf') throw broken;
    };
    // WHEN / THEN
    await expect(assertCdktfPeers(load)).rejects.toBe(broken);
  });
});
