import { createEmulator } from '@grantform/emulator';
import { describe, expect, it } from 'vitest';
import { createTargetDriver, targetNames } from './target-driver.js';

const SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';

describe('createTargetDriver', () => {
  it('emulator: the emulator driver over the admin API, through the given fetch', async () => {
    // GIVEN an emulator holding one tenant
    const app = createEmulator();
    const fetch = (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
    const driver = createTargetDriver({ target: 'emulator', endpoint: 'http://127.0.0.1:4010/', fetch });
    await driver.resources.tenant.create(
      {
        name: 'acme',
        subdomain: SUBDOMAIN,
        stackKey: 'S7',
        enterpriseMid: 100,
        businessUnits: [{ mid: 100, name: 'Acme', parentMid: null }],
      },
      { address: 'acme', parentId: null },
    );
    // WHEN the tenant is read back
    const read = await driver.resources.tenant.read(SUBDOMAIN, { address: 'acme', parentId: null });
    // THEN
    expect(driver).toMatchObject({ name: 'emulator', readOnly: false });
    expect(read).toMatchObject({ id: SUBDOMAIN, attributes: { name: 'acme', enterpriseMid: 100 } });
  });

  it("sfmc: the Marketing Cloud vendor's read-only target", () => {
    const driver = createTargetDriver({ target: 'sfmc', env: {} });
    expect(driver).toMatchObject({ name: 'sfmc', readOnly: true });
    expect(driver.manual?.reason).toBe('Marketing Cloud has no API to create or change installed packages');
  });

  it('refuses a target no vendor brings, listing the known ones', () => {
    expect(() => createTargetDriver({ target: 'aws' })).toThrow(
      expect.objectContaining({ code: 'ERR_USAGE', message: 'unknown target "aws": use one of emulator, sfmc' }),
    );
    expect(targetNames()).toEqual(['emulator', 'sfmc']);
  });
});
