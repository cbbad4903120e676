/**
 * @module
 * Loads a user's `grantform.config.ts` (TypeScript, no build step) or a `.json` file in the
 * plain-object form, and returns the GrantformApp it describes.
 *
 * A script config (`.ts`, `.mts`, `.tsx`, `.js`, `.mjs`) is compiled by esbuild into one ES module:
 * the config and the files it imports are bundled; packages are not. `@grantform/config` is the
 * one this loader runs with (one instance of the model in the process, and the CLI's bundled copy
 * spares loading the installed one). Another package that resolves to JavaScript (zod, the user's
 * own …) is imported by Node from where it is installed, by absolute URL; one that resolves to
 * TypeScript (a workspace package exporting its sources) is compiled into the bundle too. The bundle
 * is written to a temporary directory, imported and removed. `import.meta.url`, `.dirname` and
 * `.filename` keep naming each original file. No TypeScript loader is installed in the process.
 *
 * Errors name the file and line: a compile error lists esbuild's messages (`file:line:column`); an
 * exception thrown while the config runs is located through the bundle's source map.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isBuiltin, SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as grantformConfig from '@grantform/config';
import { fromObject, GrantformApp, type Manifest, parseManifest, synth } from '@grantform/config';
import type { BuildFailure, Loader, Message, Plugin } from 'esbuild';

/** The config file used when none is given. */
export const DEFAULT_CONFIG_FILE = 'grantform.config.ts';

export type ConfigLoadErrorCode = 'ERR_CONFIG_NOT_FOUND' | 'ERR_CONFIG_EXPORT' | 'ERR_CONFIG_LOAD';

/** One problem found while compiling a config: where (`file:line:column`) and what. */
export interface ConfigLoadIssue {
  readonly path: string;
  readonly message: string;
}

/** The config file could not be found, compiled, evaluated, or does not export a configuration. */
export class ConfigLoadError extends Error {
  readonly code: ConfigLoadErrorCode;
  /** Absolute path of the config file. */
  readonly file: string;
  /** Compile errors, each with its location. @default [] */
  readonly issues: readonly ConfigLoadIssue[];

  constructor(
    code: ConfigLoadErrorCode,
    file: string,
    message: string,
    options?: { cause?: unknown; issues?: readonly ConfigLoadIssue[] },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.file = file;
    this.issues = options?.issues ?? [];
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

const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?)$/;
const TYPESCRIPT_FILE = /\.(?:[cm]?tsx?)$/;
/** Bare specifiers: packages and Node built-ins (not `./x`, `../x`, `/x`). */
const BARE_SPECIFIER = /^[^./]/;
const RESOLVING = Symbol('grantform.resolving');
const META = '__grantform_import_meta';
/** Where the running `@grantform/config` is handed to the config's bundle. */
const HOST_CONFIG = Symbol.for('@grantform/engine.host-config');
/** The bundle's `@grantform/config`: the running one's exports, by name. */
const HOST_CONFIG_MODULE = `const m = globalThis[Symbol.for(${JSON.stringify(HOST_CONFIG.description)})];\n${Object.keys(
  grantformConfig,
)
  .filter((name) => name !== 'default')
  .map((name) => `export const ${name} = m.${name};`)
  .join('\n')}\n`;

function loaderFor(file: string): Loader {
  const ext = extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.jsx') return 'jsx';
  return TYPESCRIPT_FILE.test(file) ? 'ts' : 'js';
}

/**
 * `@grantform/config` is the running one (`HOST_CONFIG_MODULE`). Other packages stay Node's to load
 * (by absolute URL, so the bundle may live anywhere), unless they resolve to TypeScript. Each bundled
 * file keeps its own `import.meta`: the injected declarations go on the file's first line (after a
 * hashbang), so line numbers do not move.
 */
const configPlugin: Plugin = {
  name: 'grantform-config',
  setup(build) {
    build.onResolve({ filter: /^@grantform\/config$/ }, () => ({ path: '@grantform/config', namespace: 'host' }));
    build.onLoad({ filter: /.*/, namespace: 'host' }, () => ({ contents: HOST_CONFIG_MODULE, loader: 'js' }));
    build.onResolve({ filter: BARE_SPECIFIER }, async (args) => {
      if (args.pluginData === RESOLVING || args.kind === 'entry-point') return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith('file:')) {
        const path = fileURLToPath(args.path);
        return TYPESCRIPT_FILE.test(path) ? { path } : { path: args.path, external: true };
      }
      const found = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.external || TYPESCRIPT_FILE.test(found.path)) return found;
      return { path: pathToFileURL(found.path).href, external: true };
    });
    build.onLoad({ filter: SCRIPT_FILE }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta')) return { contents: source, loader: loaderFor(args.path) };
      const inject =
        `var ${META}_url = ${JSON.stringify(pathToFileURL(args.path).href)}, ` +
        `${META}_dirname = ${JSON.stringify(dirname(args.path))}, ${META}_filename = ${JSON.stringify(args.path)};`;
      const hashbang = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
      const contents =
        hashbang > 0 ? source.slice(0, hashbang) + inject + source.slice(hashbang) : `${inject}${source}`;
      return { contents, loader: loaderFor(args.path) };
    });
  },
};

function isBuildFailure(err: unknown): err is BuildFailure {
  return typeof err === 'object' && err !== null && Array.isArray((err as { errors?: unknown }).errors);
}

function issueOf(message: Message, cwd: string): ConfigLoadIssue {
  const at = message.location;
  const path = at === null ? '(config)' : `${resolve(cwd, at.file)}:${at.line}:${at.column + 1}`;
  return { path, message: message.text };
}

interface CompiledConfig {
  readonly code: string;
  readonly map: string;
}

/** Compiles in flight: esbuild's service stops when the last one ends. */
let compiling = 0;

/**
 * Bundles the config with esbuild (loaded only here, so other commands never pay for it). esbuild's
 * service process is stopped once no compile is in flight: a long-running caller (an emulator seeded
 * from a config) keeps no idle child.
 */
async function compile(file: string): Promise<CompiledConfig> {
  const { build, stop } = await import('esbuild');
  const cwd = dirname(file);
  compiling += 1;
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: cwd,
      outfile: join(cwd, 'grantform.config.bundle.mjs'),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [configPlugin],
      define: {
        'import.meta.url': `${META}_url`,
        'import.meta.dirname': `${META}_dirname`,
        'import.meta.filename': `${META}_filename`,
      },
      // CommonJS files the config imports by path still call require().
      banner: {
        js: `import { createRequire as ${META}_require } from 'node:module'; const require = ${META}_require(${JSON.stringify(pathToFileURL(file).href)});`,
      },
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.text ?? '';
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '{}') as {
      sources?: string[];
    };
    // The bundle is imported from a temporary directory: name the sources by absolute path.
    map.sources = (map.sources ?? []).map((source) => resolve(cwd, source));
    return { code, map: JSON.stringify(map) };
  } catch (err) {
    if (!isBuildFailure(err)) throw err;
    const issues = err.errors.map((m) => issueOf(m, cwd));
    const count = `${issues.length} error${issues.length === 1 ? '' : 's'}`;
    throw new ConfigLoadError('ERR_CONFIG_LOAD', file, `${file} failed to compile (${count}, listed below)`, {
      cause: err,
      issues,
    });
  } finally {
    compiling -= 1;
    if (compiling === 0) await stop();
  }
}

/** A stack frame's location: `(file:///x.mjs:3:9)`, `at /x.ts:3:9`. */
const FRAME = /((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)/;

/**
 * `file:line:column` in the original sources of the first stack frame in the config's code: a frame
 * in the bundle is mapped through its source map; a frame already mapped (a process with source
 * maps on, or a test runner) names an original file directly.
 */
function originalLocation(err: unknown, bundle: string, compiled: CompiledConfig): string | null {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  let map: { sources?: string[] };
  try {
    map = JSON.parse(compiled.map) as { sources?: string[] };
  } catch {
    return null;
  }
  const sources = new Set(map.sources ?? []);
  for (const line of stack.split('\n').slice(1)) {
    const frame = FRAME.exec(line);
    if (frame === null) continue;
    const file = frame[1]?.startsWith('file:') ? fileURLToPath(frame[1]) : (frame[1] ?? '');
    if (sources.has(file)) return `${file}:${frame[2]}:${frame[3]}`;
    if (file !== bundle) continue;
    // Stack frames count from 1, the source map from 0.
    const entry = new SourceMap(map as never).findEntry(Number(frame[2]) - 1, Number(frame[3]) - 1);
    if (!('originalSource' in entry) || entry.originalSource === undefined) return null;
    return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }
  return null;
}

/**
 * The module's exports. A config written as CommonJS (`module.exports = …`) comes back as
 * `{ default: module.exports }` with `__esModule` set; unwrap it.
 */
function moduleExports(namespace: unknown): Record<string, unknown> {
  const ns = (namespace ?? {}) as Record<string, unknown>;
  const inner = ns.default;
  if (typeof inner === 'object' && inner !== null && (inner as { __esModule?: unknown }).__esModule === true) {
    return inner as Record<string, unknown>;
  }
  return ns;
}

async function importScript(file: string): Promise<unknown> {
  const compiled = await compile(file);
  const dir = await mkdtemp(join(tmpdir(), 'grantform-config-'));
  const bundle = join(dir, 'grantform.config.mjs');
  const bundleUrl = pathToFileURL(bundle).href;
  let namespace: unknown;
  try {
    // Source map inline too, so a process run with --enable-source-maps shows original lines.
    const inlineMap = Buffer.from(compiled.map).toString('base64');
    await writeFile(bundle, `${compiled.code}//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`);
    (globalThis as Record<symbol, unknown>)[HOST_CONFIG] = grantformConfig;
    namespace = await import(bundleUrl);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const at = originalLocation(err, bundle, compiled);
    throw new ConfigLoadError('ERR_CONFIG_LOAD', file, `${file} failed to load: ${reason}${at ? ` (at ${at})` : ''}`, {
      cause: err,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
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
  const exported = extname(absolute) === '.json' ? await importJson(absolute) : await importScript(absolute);
  return toApp(exported, absolute);
}

/**
 * Loads a config as a manifest: a synthesized manifest JSON (`apiVersion: grantform.dev/v1`) is
 * parsed as is; anything else goes through {@link loadConfig} and `synth`. What `--config` and the
 * emulator's `--seed` accept.
 * @example const manifest = await loadManifest(resolve(io.cwd, flags.config));
 */
export async function loadManifest(configPath: string): Promise<Manifest> {
  if (configPath.endsWith('.json')) {
    let text: string | null = null;
    try {
      text = await readFile(configPath, 'utf8');
    } catch {
      // let loadConfig report the missing file
    }
    if (text !== null) {
      let raw: unknown = null;
      try {
        raw = JSON.parse(text);
      } catch {
        // loadConfig reports it
      }
      if (isPlainObject(raw) && raw.apiVersion === 'grantform.dev/v1') return parseManifest(raw);
    }
  }
  const app = await loadConfig(configPath, { cwd: dirname(configPath) });
  return synth(app);
}
