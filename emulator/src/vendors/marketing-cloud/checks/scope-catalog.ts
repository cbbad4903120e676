/**
 * @module
 * Every scope name an integration can have: the catalog of `@grantform/config` (vendor-endpoints
 * §1.10), imported through its dependency-free `scopes` subpath so the emulator's startup stays light.
 * Integrations with any other name are refused by the admin API.
 */
import { ALL_SCOPES } from '@grantform/config/scopes';

export const SCOPE_CATALOG: ReadonlySet<string> = new Set(ALL_SCOPES);
