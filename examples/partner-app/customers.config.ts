/**
 * @module
 * Two customer tenants, for the emulator only (they belong to other companies in real life): the
 * test seeds them next to the partner's config and installs `adatum/insights` into both.
 */
import { GrantformApp, Tenant } from '@grantform/config';

export const customers = new GrantformApp();

new Tenant(customers, 'fourth-coffee', {
  enterprise: { mid: 2000, name: 'Fourth Coffee', children: [{ mid: 2001, name: 'Fourth Coffee EU' }] },
});
new Tenant(customers, 'wingtip', { enterprise: { mid: 3000, name: 'Wingtip Toys' } });

export default customers;
