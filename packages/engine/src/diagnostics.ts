/**
 * @module
 * Diagnostics: errors and warnings collected and returned next to a result, not thrown
 * (terraform `tfdiags`).
 */

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable code, e.g. `ERR_CONFIG_INVALID` or `WARN_COMPONENT_DETACHED`. */
  readonly code: string;
  readonly message: string;
  readonly address?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function errorDiagnostic(code: string, message: string, address?: string): Diagnostic {
  return address === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, address };
}

export function warningDiagnostic(code: string, message: string, address?: string): Diagnostic {
  return address === undefined
    ? { severity: 'warning', code, message }
    : { severity: 'warning', code, message, address };
}
