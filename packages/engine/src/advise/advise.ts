/**
 * @module
 * `grantform advise`, the pure part: recorded usage (`@grantform/config/usage`) set against the
 * manifest, the config edit that applies it (`config-edit.ts`), and what `--fail-on` finds. The CLI
 * (`cli/run-advise.ts`) reads the inputs and prints the result.
 */
import type { Manifest } from '@grantform/config';
import { declaredGrants, type UsageExport, type UsageReport, usageReport } from '@grantform/config/usage';
import { type ConfigEdit, suggestConfigEdit } from './config-edit.js';

/** What `--fail-on` can fail on: grants never used, or calls refused for a missing scope. */
export const FAIL_ON = ['unused', 'missing'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface AdviseInput {
  readonly manifest: Manifest;
  readonly usage: UsageExport;
  /** Client ids by address, from the engine's state. */
  readonly clientIds?: Readonly<Record<string, string>>;
  /** The config file's text and name, for the suggested edit; omitted: no edit. */
  readonly config?: { readonly source: string; readonly file: string };
}

export interface AdviseResult {
  readonly report: UsageReport;
  readonly edit: ConfigEdit | null;
  /** Which `--fail-on` conditions hold. */
  readonly findings: Readonly<Record<FailOn, boolean>>;
}

/** The report, the suggested edit and the findings. */
export function advise(input: AdviseInput): AdviseResult {
  const report = usageReport(
    input.manifest,
    input.usage,
    input.clientIds === undefined ? {} : { clientIds: input.clientIds },
  );
  const edit =
    input.config === undefined
      ? null
      : suggestConfigEdit(input.config.source, input.config.file, declaredGrants(input.manifest), report.integrations);
  return {
    report,
    edit,
    findings: {
      unused: report.integrations.some((r) => r.unusedScopes.length > 0 || r.businessUnits.unused.length > 0),
      missing: report.integrations.some((r) => r.missing.length > 0),
    },
  };
}
