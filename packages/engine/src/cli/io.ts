/**
 * @module
 * The CLI's I/O seam: commands write through this, never to `process` directly, so tests run
 * `main()` in-process and read what it printed.
 */
import { createInterface } from 'node:readline/promises';
import type { FetchLike } from '../drivers/http.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment the command sees (secrets are read from here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory relative paths resolve against. */
  readonly cwd: string;
  /** Set by a command that wants a non-zero exit without throwing. */
  exitCode?: number;
  /** stdin and stdout are a terminal: confirmation prompts and colour are allowed. @default false */
  readonly isTTY?: boolean;
  /** Asks a question on the terminal and returns the answer. */
  prompt?(question: string): Promise<string>;
  /** The fetch drivers use (tests pass the in-process emulator's `app.request`). @default globalThis.fetch */
  readonly fetch?: FetchLike;
}

export function processIo(): CliIo {
  const isTTY = process.stdin.isTTY === true && process.stdout.isTTY === true;
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY,
    prompt: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}

/** An in-memory `CliIo` for tests. */
export function memoryIo(
  options: { env?: Record<string, string>; cwd?: string; fetch?: FetchLike; isTTY?: boolean; answers?: string[] } = {},
): CliIo & {
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  const answers = [...(options.answers ?? [])];
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    isTTY: options.isTTY ?? false,
    prompt: async (q) => {
      out += q;
      return answers.shift() ?? '';
    },
    out: () => out,
    err: () => err,
  };
}
