/**
 * @module
 * Logging to stderr, never stdout (stdout carries the handshake line and nothing else). Lines start
 * with `[LEVEL]`, which go-plugin reads to log them at that level in Terraform's own log
 * (`TF_LOG=debug terraform plan`). The threshold comes from `TF_LOG_PROVIDER`, else `TF_LOG`
 * (TRACE, DEBUG, INFO, WARN, ERROR, OFF; JSON counts as TRACE), else WARN.
 */
import type { Env } from './handshake.js';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const ORDER: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export interface Logger {
  log(level: LogLevel, message: string): void;
}

/** A logger writing `[LEVEL] message` lines to `write` for levels at or above the environment's threshold. */
export function createLogger(env: Env, write: (line: string) => void): Logger {
  const setting = (env.TF_LOG_PROVIDER || env.TF_LOG || 'WARN').toUpperCase();
  const threshold = setting === 'JSON' ? 0 : setting === 'OFF' ? ORDER.length : ORDER.indexOf(setting as LogLevel);
  const min = threshold < 0 ? ORDER.indexOf('TRACE') : threshold;
  return {
    log(level, message) {
      if (ORDER.indexOf(level) >= min) write(`[${level}] ${message}\n`);
    },
  };
}
