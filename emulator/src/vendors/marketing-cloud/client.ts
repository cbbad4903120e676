/**
 * @module
 * The client a request acts for, once found: its package, API integration and the tenant it acts in
 * (the package's own, or a customer tenant it is installed into). A leaf, so client authentication
 * and installations can both speak of it without importing each other.
 */
import type { IntegrationRecord, PackageRecord, TenantRecord } from './store/records.js';

export interface AuthenticatedClient {
  readonly pkg: PackageRecord;
  readonly integration: IntegrationRecord;
  readonly tenant: TenantRecord;
}
