/**
 * @module
 * Loads a user's `grantform.config.ts` (TypeScript, no build step: tsx `tsImport`), or a
 * `.json` file in the plain-object form, and returns the GrantformApp it describes.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromObject, GrantformApp } from '@grantform/config';
import { tsImport } from 'tsx/esm/api';

/** The config file used when none is given. */
export const DEFAULT_CONFIG_FILE = 'grantform.config.ts';

export type ConfigLoadErrorCode = 'ERR_CONFIG_NOT_FOUND' | 'ERR_CONFIG_EXPORT' | 'ERR_CONFIG_LOAD';

/** The config file could not be found, evaluated, or does not export a configuration. */
export class ConfigLoadError extends Error {
  readonly code: ConfigLoadErrorCode;
  /** Absolute path of the config file. */
  readonly file: string;

  constructor(code: ConfigLoadErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.file = file;
  }
}

export interface LoadConfigOptions {
  /** Directory a relative `file` resolves against. @default process.cwd() */
  readonly cwd?: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Turns whatever the config exported into a GrantformApp. */
async function toApp(exported: unknown, file: string): Promise<GrantformApp> {
  const value: unknown = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (GrantformApp.isGrantformApp(value)) return value;
  if (isPlainObject(value)) return fromObject(value);
  const from =
    typeof exported === 'function' ? 'the default export is a function that returned' : 'the default export is';
  throw new ConfigLoadError(
    'ERR_CONFIG_EXPORT',
    file,
    `${file}: ${from} ${describe(value)}; export default a GrantformApp, a function returning one, or a plain configuration object`,
  );
}

/**
 * The module's exports. A file tsx compiles as CommonJS (no `"type": "module"` nearby) comes back
 * as `{ default: module.exports }` with `__esModule` set; unwrap it.
 */
function moduleExports(namespace: unknown): Record<string, unknown> {
  const ns = (namespace ?? {}) as Record<string, unknown>;
  const inner = ns.default;
  if (typeof inner === 'object' && inner !== null && (inner as { __esModule?: unknown }).__esModule === true) {
    return inner as Record<string, unknown>;
  }
  return ns;
}

async function importTypeScript(file: string): Promise<unknown> {
  let namespace: unknown;
  try {
    namespace = await tsImport(pathToFileURL(file).href, { parentURL: import.meta.url });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigLoadError('ERR_CONFIG_LOAD', file, `${file} failed to load: ${reason}`, { cause: err });
  }
  const exports = moduleExports(namespace);
  if (!('default' in exports) || exports.default === undefined) {
    const named = Object.keys(exports).filter((k) => k !== 'default' && k !== '__esModule');
    const hint = named.length === 0 ? '' : ` (it exports: ${named.join(', ')})`;
    throw new ConfigLoadError(
      'ERR_CONFIG_EXPORT',
      file,
      `${file} has no default export${hint}: add \`export default app\` where app is your GrantformApp`,
    );
  }
  return exports.default;
}

async function importJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigLoadError('ERR_CONFIG_LOAD', file, `${file} is not valid JSON: ${reason}`, { cause: err });
  }
}

/**
 * Loads a configuration file and returns its GrantformApp. A `.ts`/`.mts`/`.js`/`.mjs` file's
 * default export may be a GrantformApp, a (possibly async) function returning one, or a plain
 * object in the `fromObject` form; a `.json` file holds the plain-object form.
 * Throws {@link ConfigLoadError} (`ERR_CONFIG_NOT_FOUND`, `ERR_CONFIG_EXPORT`, `ERR_CONFIG_LOAD`)
 * or, for a malformed plain object, `ConfigValidationError` (`ERR_CONFIG_INVALID`).
 * @example const app = await loadConfig('grantform.config.ts', { cwd: io.cwd });
 */
export async function loadConfig(
  file: string = DEFAULT_CONFIG_FILE,
  options: LoadConfigOptions = {},
): Promise<GrantformApp> {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new ConfigLoadError(
      'ERR_CONFIG_NOT_FOUND',
      absolute,
      `no config file at ${absolute}: create ${DEFAULT_CONFIG_FILE} there (see examples/basic) or pass --config FILE`,
    );
  }
  const exported = extname(absolute) === '.json' ? await importJson(absolute) : await importTypeScript(absolute);
  return toApp(exported, absolute);
}
