/**
 * @module
 * grantform's validation findings (`@grantform/config/rules`) as Terraform diagnostics: the message
 * and code exactly as `grantform synth` reports them, at the Terraform attribute of the spec field
 * the finding names (`scopes[2]` → `scopes`: Terraform cannot point into a set).
 */
import type { Finding } from '@grantform/config/rules';
import { type Diagnostic, error, isUnknown, isWhollyKnown, type TfValue } from '@grantform/terraform-plugin';

/** The summary every grantform rule finding carries in Terraform. */
export const RULE_SUMMARY = 'Invalid grantform configuration';

/** Diagnostics for `findings`, each at the attribute `fields` maps its spec field to. */
export function ruleDiagnostics(
  findings: readonly Finding[],
  fields: Readonly<Record<string, string | null>>,
): Diagnostic[] {
  return findings.map((f) => {
    const head = f.field === undefined ? undefined : /^[A-Za-z_]+/.exec(f.field)?.[0];
    const attribute = head === undefined ? null : (fields[head] ?? null);
    return error(RULE_SUMMARY, `${f.message} [${f.code}]`, attribute === null ? undefined : [attribute]);
  });
}

/** `value` when it is known all through (no unknown anywhere), else `undefined`: rules run on known values only. */
export function known<T>(value: T | TfValue): T | undefined {
  return isUnknown(value) || !isWhollyKnown(value as TfValue) ? undefined : (value as T);
}
