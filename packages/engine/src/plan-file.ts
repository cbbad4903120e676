/**
 * @module
 * Saved plans (`plan --out FILE`, `apply FILE`). A saved plan holds the prior state's lineage and
 * serial, so applying it after the state moved on is refused (`ERR_PLAN_STALE`), and the target it
 * was made for. It never holds a secret: secret refs are env names only.
 */
import { readFile } from 'node:fs/promises';
import { EngineError } from './errors.js';
import { isJsonObject } from './json.js';
import type { Plan } from './plan/types.js';
import { writeFileAtomic } from './state/files.js';

export interface PlanFile {
  readonly kind: 'grantform-plan';
  readonly formatVersion: 1;
  readonly createdAt: string;
  /** `emulator` or `sfmc`, and the endpoint for the emulator. */
  readonly target: { readonly name: string; readonly endpoint: string | null };
  readonly plan: Plan;
}

export function serializePlanFile(file: PlanFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

export function parsePlanFile(text: string, path: string): PlanFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EngineError('ERR_PLAN_INVALID', `${path} is not a grantform plan (not JSON)`);
  }
  if (!isJsonObject(raw) || raw.kind !== 'grantform-plan') {
    throw new EngineError('ERR_PLAN_INVALID', `${path} is not a grantform plan`);
  }
  if (raw.formatVersion !== 1) {
    throw new EngineError(
      'ERR_PLAN_INVALID',
      `${path} has plan format ${String(raw.formatVersion)}; this grantform reads 1`,
    );
  }
  const plan = raw.plan;
  if (!isJsonObject(plan) || !Array.isArray(plan.changes) || !isJsonObject(plan.prior) || !isJsonObject(raw.target)) {
    throw new EngineError('ERR_PLAN_INVALID', `${path} is not a complete grantform plan`);
  }
  return raw as unknown as PlanFile;
}

export async function writePlanFile(path: string, file: PlanFile): Promise<void> {
  await writeFileAtomic(path, serializePlanFile(file));
}

export async function readPlanFile(path: string): Promise<PlanFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new EngineError('ERR_PLAN_INVALID', `cannot read plan ${path}: ${(err as Error).message}`);
  }
  return parsePlanFile(text, path);
}
