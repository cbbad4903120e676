/**
 * @module
 * The one place CLI errors become text. Errors with a stable `code` render as
 * `error[CODE]: message` followed by their issues, one per line with its path.
 */
interface CodedError {
  code: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
}

function isCoded(err: unknown): err is CodedError {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

export function renderError(err: unknown): string {
  if (isCoded(err)) {
    const lines = [`error[${err.code}]: ${err.message}`];
    for (const issue of err.issues ?? []) lines.push(`  - ${issue.path}: ${issue.message}`);
    return `${lines.join('\n')}\n`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `error: ${message}\n`;
}
