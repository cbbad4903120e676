/**
 * @module
 * Ownership labels (pure). Everything grantform creates on a target that keeps labels (the
 * emulator) carries `grantform:<state lineage>:<address>` in its `owner` field, written by the same
 * call that creates it. That is how a re-run recognises what this state started creating but never
 * recorded (a killed apply) and adopts it instead of creating it twice, and how two state files
 * applied to one target are kept from managing the same tenant: what another lineage owns is
 * refused, never taken over or deleted. Components (kinds whose descriptor says `component`) belong
 * to their parent and carry no label of their own (`carriesOwnerLabel` in `registry/descriptor.ts`).
 */
const PREFIX = 'grantform:';

/** The label this state writes on the resource at `address`. */
export function ownerLabel(lineage: string, address: string): string {
  return `${PREFIX}${lineage}:${address}`;
}

/** The lineage and address of a grantform label, or `null` for any other label. */
export function parseOwnerLabel(label: string): { readonly lineage: string; readonly address: string } | null {
  if (!label.startsWith(PREFIX)) return null;
  const rest = label.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { lineage: rest.slice(0, colon), address: rest.slice(colon + 1) };
}

/** "another grantform state (lineage L, address A)" or the label as is. */
export function describeOwner(label: string): string {
  const parsed = parseOwnerLabel(label);
  return parsed === null
    ? `"${label}" (not grantform)`
    : `another grantform state (lineage ${parsed.lineage}, address ${parsed.address})`;
}
