/**
 * Reading an exported usage file for `grantform advise --usage`: a good export parses; a missing
 * file, text that is not JSON, or JSON of the wrong shape is `ERR_USAGE_FILE` saying what and where.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageExport } from '@grantform/config/usage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { parseUsage, readUsageFile } from './usage-file.js';

const GOOD: UsageExport = {
  version: 1,
  generatedAt: '2026-01-01T00:00:00.000Z',
  droppedClients: 0,
  integrations: [
    {
      vendor: 'marketing-cloud',
      clientId: 'c1',
      address: 'acme/sync/api',
      tenant: 'acme',
      package: 'sync',
      integration: { scopes: ['email_read'], businessUnits: 'all' },
      tokens: { count: 1, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z' },
      businessUnits: [
        { id: '100', count: 1, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z' },
      ],
      scopes: [
        { scope: 'email_read', count: 1, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z' },
      ],
      calls: [],
    },
  ],
};

function caught(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (err) {
    return err as EngineError;
  }
  throw new Error('expected an error');
}

describe('usage files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gf-usage-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a usage export', async () => {
    // GIVEN an export written to a file
    await writeFile(join(dir, 'usage.json'), JSON.stringify(GOOD));
    // WHEN it is read
    // THEN it comes back as it was
    expect(await readUsageFile(join(dir, 'usage.json'))).toEqual(GOOD);
  });

  it('refuses a missing file and text that is not JSON, naming the file', async () => {
    // GIVEN no file, and a file of plain text
    await writeFile(join(dir, 'text.json'), 'not json');
    // WHEN each is read
    const missing = await readUsageFile(join(dir, 'none.json')).catch((e: EngineError) => e);
    const text = await readUsageFile(join(dir, 'text.json')).catch((e: EngineError) => e);
    // THEN each is ERR_USAGE_FILE saying which file and what is wrong
    expect(missing).toBeInstanceOf(EngineError);
    expect((missing as EngineError).code).toBe('ERR_USAGE_FILE');
    expect((missing as EngineError).message).toMatch(
      new RegExp(`^cannot read ${join(dir, 'none.json')}: ENOENT: no such file or directory`),
    );
    expect((text as EngineError).code).toBe('ERR_USAGE_FILE');
    expect((text as EngineError).message).toMatch(new RegExp(`^${join(dir, 'text.json')} is not JSON: `));
  });

  it('refuses JSON of the wrong shape with the path of each problem', () => {
    // GIVEN an export of another version, with a call missing its outcome
    const bad = {
      ...GOOD,
      version: 2,
      integrations: [{ ...GOOD.integrations[0], calls: [{ call: 'REST GET /x', required: [] }] }],
    };
    // WHEN it is parsed
    const err = caught(() => parseUsage(bad, 'usage.json'));
    // THEN the error names the source and lists the problems by path
    expect(err.code).toBe('ERR_USAGE_FILE');
    expect(err.message).toBe('usage.json is not a usage export (GET /_emulator/usage)');
    expect(err.issues.map((i) => i.path)).toEqual([
      'version',
      'integrations.0.calls.0.granted',
      'integrations.0.calls.0.grantedBy',
      'integrations.0.calls.0.count',
      'integrations.0.calls.0.firstSeen',
      'integrations.0.calls.0.lastSeen',
    ]);
  });
});
