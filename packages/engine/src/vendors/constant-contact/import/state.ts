/**
 * @module
 * The state entries of an import (pure): the models synthesized through the same constructs the
 * printed code declares, plus what the target reports, so the pasted code plans no changes.
 */
import type { ManifestResource } from '@grantform/config';
import {
  ConfigValidationError,
  ConstantContactApplication,
  ConstantContactPartner,
  GrantformApp,
  synth,
} from '@grantform/config';
import { compareAttributes } from '../../../attribute-diff.js';
import { specHash } from '../../../desired-state.js';
import { EngineError } from '../../../errors.js';
import type { JsonObject } from '../../../json.js';
import type { ResourceState } from '../../../state/records.js';
import { CTCT_DESCRIPTORS, isCtctKind } from '../kinds.js';
import { partnerProps } from './code.js';
import type { ApplicationModel, PartnerModel } from './models.js';

/** The manifest resources of the models: the same constructs the code declares. */
export function synthesize(application: ApplicationModel, partner: PartnerModel | null): Map<string, ManifestResource> {
  const app = new GrantformApp();
  const a = new ConstantContactApplication(app, application.name, application.props);
  if (partner !== null) {
    const p = new ConstantContactPartner(app, partner.name, { application: a, ...partnerProps(partner) });
    for (const acct of partner.accounts) p.addClientAccount(acct.name, acct.props);
  }
  try {
    return new Map(synth(app).resources.map((r) => [r.address, r]));
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      throw new EngineError('ERR_IMPORT_FAILED', 'what the target reports is not a valid configuration', {
        issues: err.issues.map((i) => ({ path: i.path, message: i.message })),
      });
    }
    throw err;
  }
}

/**
 * The state entry of an imported resource: the spec with what the target reports on top. Its spec
 * hash describes what the target holds, so a value that differs from the code (a name the
 * target spells otherwise) shows as a change in the plan rather than being hidden.
 */
export function stateEntry(r: ManifestResource, id: string, observed: JsonObject): ResourceState {
  const spec = r.spec as unknown as JsonObject;
  const attributes = { ...spec, ...observed };
  const rules = isCtctKind(r.kind) ? CTCT_DESCRIPTORS[r.kind].attributes : {};
  const differs = compareAttributes(rules, attributes, spec).changes.length > 0;
  const held = Object.fromEntries(Object.keys(spec).map((k) => [k, attributes[k] ?? null]));
  return {
    kind: r.kind,
    id,
    attributes,
    specHash: specHash(differs ? held : spec),
    dependsOn: [...r.dependsOn],
  };
}
