/**
 * @module
 * The secrets sink: the ONE place secret values the target hands out (client secrets, JWT signing
 * secrets) are written. Keyed by the SecretRef env name.
 * - default: `<state>.secrets.json`, a JSON object `{ "NAME": "value" }`, mode 0600;
 * - `--secrets-env-file FILE`: `NAME=value` lines, mode 0600 (other lines are kept).
 * Both are written atomically. Values never go to state, plans, logs or output.
 */
import { chmod, readFile } from 'node:fs/promises';
import { EngineError } from '../errors.js';
import { isJsonObject } from '../json.js';
import { coalescing } from './coalesce.js';
import { writeFileAtomic } from './state-file.js';

export interface SecretsSink {
  /** Where the values go (shown to the user; never the values). */
  readonly location: string;
  put(name: string, value: string): Promise<void>;
  get(name: string): Promise<string | undefined>;
  /** The names that hold a value (never the values). */
  names(): Promise<readonly string[]>;
  rename(from: string, to: string): Promise<boolean>;
  delete(name: string): Promise<void>;
}

export function defaultSecretsPath(statePath: string): string {
  return `${statePath}.secrets.json`;
}

interface Codec {
  parse(text: string): Map<string, string>;
  format(entries: Map<string, string>, previous: string): string;
}

const jsonCodec: Codec = {
  parse(text) {
    const raw: unknown = JSON.parse(text);
    if (!isJsonObject(raw)) throw new Error('not an object');
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out.set(k, v);
    return out;
  },
  format(entries) {
    const obj: Record<string, string> = {};
    for (const k of [...entries.keys()].sort()) obj[k] = entries.get(k) ?? '';
    return `${JSON.stringify(obj, null, 2)}\n`;
  },
};

const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function quoteEnv(value: string): string {
  return /^[A-Za-z0-9_./:+=@-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function unquoteEnv(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/'\\''/g, "'");
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1);
  return v;
}

const envCodec: Codec = {
  parse(text) {
    const out = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = ENV_LINE.exec(line);
      if (m?.[1] !== undefined) out.set(m[1], unquoteEnv(m[2] ?? ''));
    }
    return out;
  },
  format(entries, previous) {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const line of previous.split('\n')) {
      const m = ENV_LINE.exec(line);
      if (m?.[1] === undefined) {
        if (line !== '') lines.push(line);
        continue;
      }
      const v = entries.get(m[1]);
      if (v === undefined) continue; // deleted
      seen.add(m[1]);
      lines.push(`${m[1]}=${quoteEnv(v)}`);
    }
    for (const [k, v] of entries) if (!seen.has(k)) lines.push(`${k}=${quoteEnv(v)}`);
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  },
};

function fileSink(path: string, codec: Codec): SecretsSink {
  // The file is read once and kept in memory (the caller holds the state lock); writes are
  // coalesced: each change resolves once a write that includes it is on disk.
  let loaded: Promise<{ entries: Map<string, string>; text: string }> | null = null;
  const load = (): Promise<{ entries: Map<string, string>; text: string }> => {
    loaded ??= (async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map(), text: '' };
        throw err;
      }
      try {
        return { entries: codec.parse(text), text };
      } catch {
        throw new EngineError('ERR_STATE_CORRUPT', `secrets file ${path} is not readable; fix or move it`);
      }
    })();
    return loaded;
  };
  const flush = coalescing(async () => {
    const cache = await load();
    const text = codec.format(cache.entries, cache.text);
    await writeFileAtomic(path, text, 0o600);
    await chmod(path, 0o600);
    cache.text = text;
  });
  const mutate = async (fn: (entries: Map<string, string>) => boolean): Promise<boolean> => {
    const { entries } = await load();
    if (!fn(entries)) return false;
    await flush();
    return true;
  };
  return {
    location: path,
    put: async (name, value) => {
      await mutate((e) => {
        e.set(name, value);
        return true;
      });
    },
    get: async (name) => (await load()).entries.get(name),
    names: async () => [...(await load()).entries.keys()],
    rename: (from, to) =>
      mutate((e) => {
        const v = e.get(from);
        if (v === undefined) return false;
        e.delete(from);
        e.set(to, v);
        return true;
      }),
    delete: async (name) => {
      await mutate((e) => e.delete(name));
    },
  };
}

/** `<state>.secrets.json` (mode 0600). */
export function createJsonSecretsSink(path: string): SecretsSink {
  return fileSink(path, jsonCodec);
}

/** A dotenv-style file of `NAME=value` lines (mode 0600). */
export function createEnvFileSecretsSink(path: string): SecretsSink {
  return fileSink(path, envCodec);
}

/** An in-memory sink for tests. */
export function createMemorySecretsSink(): SecretsSink & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    location: 'memory',
    entries,
    put: async (n, v) => {
      entries.set(n, v);
    },
    get: async (n) => entries.get(n),
    names: async () => [...entries.keys()],
    rename: async (from, to) => {
      const v = entries.get(from);
      if (v === undefined) return false;
      entries.delete(from);
      entries.set(to, v);
      return true;
    },
    delete: async (n) => {
      entries.delete(n);
    },
  };
}
