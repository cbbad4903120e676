/**
 * @module
 * grantform addresses of Marketing Cloud resources managed by Terraform (`<tenant name>/<package
 * name>`, as `@grantform/config` names them), read from the target: the default secret env names
 * derive from them exactly as in a grantform config (`GRANTFORM_ACME_CRM_SYNC_API_CLIENT_SECRET`), so
 * moving from the CLI to Terraform keeps every env name.
 */
import { isJsonObject } from '@grantform/engine';
import type { GrantformClient } from './client.js';

/**
 * The address of the package `packageId`: its tenant's name and its own, or `null` where the target
 * cannot tell (no admin API: a real tenant).
 */
export async function packageAddress(client: GrantformClient, packageId: string): Promise<string | null> {
  if (client.admin === null) return null;
  const pkg = await client.admin.get(`/_emulator/packages/${encodeURIComponent(packageId)}`);
  if (pkg === null || typeof pkg.tenant !== 'string' || typeof pkg.name !== 'string') return null;
  const tenant = await client.driver.resources.tenant.read(pkg.tenant, { address: pkg.tenant, parentId: null });
  const name = tenant !== null && isJsonObject(tenant.attributes) ? tenant.attributes.name : undefined;
  return typeof name === 'string' ? `${name}/${pkg.name}` : null;
}
