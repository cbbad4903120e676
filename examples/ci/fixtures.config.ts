/**
 * @module
 * Test fixtures CI seeds into the emulator when it starts (`grantform emulator --seed`): a separate
 * tenant whose credentials the tests read from `--credentials-out`. It is not what CI applies, so
 * seeding and `grantform apply` never touch the same packages.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const app = new GrantformApp();

const fixtures = new Tenant(app, 'tailspin-fixtures', {
  enterprise: { mid: 490, name: 'Tailspin test fixtures', children: [{ mid: 491, name: 'Fixture BU' }] },
});

fixtures.addPackage('smoke').addApiIntegration({
  type: 'server-to-server',
  scopes: ['email_read'],
  businessUnits: [491],
});

export default app;
