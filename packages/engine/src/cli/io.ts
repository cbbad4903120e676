/**
 * @module
 * The CLI's I/O seam: commands write through this, never to `process` directly, so tests run
 * `main()` in-process and read what it printed.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment the command sees (secrets are read from here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory relative paths resolve against. */
  readonly cwd: string;
  /** Set by a command that wants a non-zero exit without throwing. */
  exitCode?: number;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An in-memory `CliIo` for tests. */
export function memoryIo(options: { env?: Record<string, string>; cwd?: string } = {}): CliIo & {
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
