/**
 * @module
 * Reading recorded usage: an exported file (`--usage FILE`, what `GET /_emulator/usage` answered) or
 * a running emulator's admin API. Either is checked against the `UsageExport` shape; a bad file is
 * `ERR_USAGE_FILE` naming the file and the first problems with their paths.
 */
import { readFile } from 'node:fs/promises';
import type { UsageExport } from '@grantform/config/usage';
import { z } from 'zod';
import { createAdminClient } from '../drivers/admin-client.js';
import type { FetchLike } from '../drivers/http.js';
import { EngineError } from '../errors.js';

const counted = { count: z.number().int().min(0), firstSeen: z.string(), lastSeen: z.string() };
const usageSchema = z.looseObject({
  version: z.literal(1),
  generatedAt: z.string(),
  droppedClients: z.number().int().min(0),
  integrations: z.array(
    z.looseObject({
      vendor: z.enum(['marketing-cloud', 'constant-contact']),
      clientId: z.string().min(1),
      address: z.string().nullable(),
      tenant: z.string().nullable(),
      package: z.string().nullable(),
      integration: z
        .looseObject({
          scopes: z.array(z.string()),
          businessUnits: z.union([z.literal('all'), z.array(z.string()), z.null()]),
        })
        .nullable(),
      tokens: z.looseObject(counted),
      businessUnits: z.array(z.looseObject({ id: z.string(), ...counted })),
      scopes: z.array(z.looseObject({ scope: z.string(), ...counted })),
      calls: z.array(
        z.looseObject({
          call: z.string(),
          required: z.array(z.string()),
          granted: z.boolean(),
          grantedBy: z.string().nullable(),
          ...counted,
        }),
      ),
    }),
  ),
});

/** `value` as a usage export, or `ERR_USAGE_FILE` saying what is wrong and where (`source`). */
export function parseUsage(value: unknown, source: string): UsageExport {
  const parsed = usageSchema.safeParse(value);
  if (parsed.success) return parsed.data as UsageExport;
  const issues = parsed.error.issues
    .slice(0, 10)
    .map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  throw new EngineError('ERR_USAGE_FILE', `${source} is not a usage export (GET /_emulator/usage)`, { issues });
}

/** Reads an exported usage file. */
export async function readUsageFile(path: string): Promise<UsageExport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new EngineError('ERR_USAGE_FILE', `cannot read ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new EngineError('ERR_USAGE_FILE', `${path} is not JSON: ${(err as Error).message}`);
  }
  return parseUsage(value, path);
}

/** Reads the usage a running emulator recorded (`GET /_emulator/usage`). */
export async function fetchUsage(endpoint: string, fetch: FetchLike, adminToken?: string): Promise<UsageExport> {
  const admin = createAdminClient({ endpoint, fetch, ...(adminToken === undefined ? {} : { adminToken }) });
  const res = await admin.call('GET', '/_emulator/usage');
  return parseUsage(res.body, `${admin.origin}/_emulator/usage`);
}
