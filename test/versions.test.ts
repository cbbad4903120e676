/**
 * One version for the four packages, and package manifests that publish what the repository builds:
 * the `package.json` versions, the CLI's `VERSION`, the emulator's `VERSION` and the newest
 * CHANGELOG entry agree; each `publishConfig` export is its source export compiled into `dist/`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION as EMULATOR_VERSION } from '../emulator/src/version.js';
import { memoryIo } from '../packages/engine/src/cli/io.js';
import { main } from '../packages/engine/src/cli/main.js';
import { VERSION } from '../packages/engine/src/version.js';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGES = [
  'packages/config',
  'packages/engine',
  'packages/testing',
  'packages/terraform-plugin',
  'packages/terraform-provider',
  'emulator',
] as const;

interface ExportEntry {
  readonly types: string;
  readonly default: string;
}
interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly exports: Record<string, ExportEntry>;
  readonly files: string[];
  readonly scripts: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly publishConfig: { exports: Record<string, ExportEntry>; bin?: Record<string, string> };
  readonly dependencies?: Record<string, string>;
}

const manifest = (dir: string) => JSON.parse(readFileSync(resolve(ROOT, dir, 'package.json'), 'utf8')) as PackageJson;

describe('versions', () => {
  it('the four packages, the CLI, the emulator and the CHANGELOG name one version', async () => {
    // GIVEN the four manifests and the CHANGELOG
    const versions = PACKAGES.map((dir) => manifest(dir).version);
    const newest = /^## (\S+)/m.exec(readFileSync(resolve(ROOT, 'CHANGELOG.md'), 'utf8'))?.[1];
    // WHEN the CLI is asked
    const io = memoryIo();
    const code = await main(['node', 'grantform', '--version'], io);
    // THEN
    expect(new Set(versions)).toEqual(new Set([VERSION]));
    expect(EMULATOR_VERSION).toBe(VERSION);
    expect(newest).toBe(VERSION);
    expect({ code, out: io.out() }).toEqual({ code: 0, out: `${VERSION}\n` });
  });
});

describe('package manifests', () => {
  it.each(PACKAGES)('%s publishes each source export compiled into dist/, with types', (dir) => {
    const pkg = manifest(dir);
    const compiled = (src: string, ext: string) => src.replace(/^\.\/src\//, './dist/').replace(/\.tsx?$/, ext);
    const sourceExports = Object.entries(pkg.exports).filter(([, e]) => e.default.startsWith('./src/'));
    expect(Object.keys(pkg.publishConfig.exports)).toEqual(sourceExports.map(([key]) => key));
    for (const [key, entry] of sourceExports) {
      expect(pkg.publishConfig.exports[key]).toEqual({
        types: compiled(entry.types, '.d.ts'),
        default: compiled(entry.default, '.js'),
      });
    }
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', '!dist/.tsbuildinfo']));
    expect(pkg.scripts.prepack).toMatch(/^tsc -b tsconfig\.build\.json\b/);
    expect(Object.keys(pkg.publishConfig.bin ?? {})).toEqual(Object.keys(pkg.bin ?? {}));
    // workspace packages depend on each other at the one version (pnpm pack writes it in)
    for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
      if (name.startsWith('@grantform/')) expect(range).toBe('workspace:*');
    }
  });
});
