/**
 * @module
 * Engine errors: one class with a stable `ERR_*` code. The CLI renders them in one place
 * (`cli/render-error.ts`); library callers `switch (err.code)`.
 */

export type EngineErrorCode =
  | 'ERR_CONFIG_NOT_FOUND'
  | 'ERR_CONFIG_INVALID'
  | 'ERR_UNKNOWN_ADDRESS'
  | 'ERR_STATE_CORRUPT'
  | 'ERR_STATE_VERSION'
  | 'ERR_STATE_LOCKED'
  | 'ERR_PLAN_STALE'
  | 'ERR_PLAN_INVALID'
  | 'ERR_PLAN_ERRORED'
  | 'ERR_TARGET_READ_ONLY'
  | 'ERR_TARGET_UNREACHABLE'
  | 'ERR_TARGET_REJECTED'
  | 'ERR_TARGET_CONFLICT'
  | 'ERR_APPLY_FAILED'
  | 'ERR_APPROVAL_REQUIRED'
  | 'ERR_APPLY_CANCELLED'
  | 'ERR_IMPORT_FAILED'
  | 'ERR_PROVIDER_NOT_INSTALLED'
  | 'ERR_VERIFY_FAILED'
  | 'ERR_SECRET_SINK_FAILED'
  | 'ERR_ROTATION_FAILED'
  | 'ERR_USAGE'
  | 'ERR_USAGE_FILE';

/** One issue attached to an error, rendered as `  - path: message`. */
export interface ErrorIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An engine failure with a stable code.
 * @example
 * throw new EngineError('ERR_PLAN_STALE', 'the state has moved on since the plan was made');
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly issues: readonly ErrorIssue[];

  constructor(
    code: EngineErrorCode,
    message: string,
    options: { issues?: readonly ErrorIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/** True when `err` is an {@link EngineError} with the given code (works across package copies). */
export function isEngineError(err: unknown, code?: EngineErrorCode): err is EngineError {
  if (typeof err !== 'object' || err === null) return false;
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' && c.startsWith('ERR_') && (code === undefined || c === code);
}
