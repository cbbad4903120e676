/**
 * @module
 * The `exec` secret sink (`--secrets-exec CMD`, repeatable): delivers a secret to wherever a team
 * keeps it (`gh secret set`, `vault kv put`, `op item edit`, …) without grantform knowing the tool.
 * For each secret, `CMD` runs once through `/bin/sh -c` and receives on **stdin** the env name on
 * the first line and the value after it (no trailing newline): never in its arguments or
 * environment. Its exit status is the answer: anything but 0 fails the delivery
 * (`ERR_SECRET_SINK_FAILED`, with the command's stderr, which never holds the value unless the
 * command prints it), and a rotation then stops before activating the new secret.
 *
 * It is write-only: nothing is read back, renamed or deleted through it (the file sink stays the one
 * grantform reads). `withExecSinks` puts it behind the file sink, so apply, `rotate` and a re-issue
 * deliver every value to the file and then to each command, in order.
 */
import { spawn } from 'node:child_process';
import { EngineError } from '../errors.js';
import type { SecretsSink } from './secrets-sink.js';

/** A command a secret is delivered to. */
export interface ExecSink {
  /** The command as given (shown to the user; it never holds a value). */
  readonly location: string;
  deliver(name: string, value: string): Promise<void>;
}

/** The last `max` characters of `text`, trimmed (what a failing command said). */
function tail(text: string, max = 500): string {
  const t = text.trim();
  return t.length <= max ? t : `…${t.slice(-max)}`;
}

/**
 * @example
 * const sink = createExecSink(`sh -c 'read -r name; gh secret set "$name"'`, { cwd });
 * await sink.deliver('CRM_CLIENT_SECRET', value);
 */
export function createExecSink(command: string, options: { readonly cwd: string }): ExecSink {
  return {
    location: command,
    deliver: (name, value) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', command], { cwd: options.cwd, stdio: ['pipe', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.once('error', (err) =>
          reject(
            new EngineError('ERR_SECRET_SINK_FAILED', `secret sink \`${command}\` could not start: ${err.message}`),
          ),
        );
        child.once('close', (code, signal) => {
          if (code === 0) resolve();
          else {
            const how = signal === null ? `exited ${code}` : `was killed (${signal})`;
            const said = tail(stderr);
            reject(
              new EngineError(
                'ERR_SECRET_SINK_FAILED',
                `secret sink \`${command}\` ${how} delivering ${name}${said === '' ? '' : `: ${said}`}`,
              ),
            );
          }
        });
        // A command that does not read its stdin closes it early: that is its business, not an error.
        child.stdin.on('error', () => {});
        child.stdin.end(`${name}\n${value}`);
      }),
  };
}

/**
 * `file` plus delivery to every `exec` sink: a `put` writes the file, then runs each command in order
 * (the first failure throws). Reads, renames and deletes are the file's.
 */
export function withExecSinks(file: SecretsSink, exec: readonly ExecSink[]): SecretsSink {
  if (exec.length === 0) return file;
  return {
    ...file,
    location: [file.location, ...exec.map((e) => `exec \`${e.location}\``)].join(', '),
    put: async (name, value) => {
      await file.put(name, value);
      for (const e of exec) await e.deliver(name, value);
    },
  };
}
