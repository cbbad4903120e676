/**
 * @module
 * Diagnostics: what a provider tells Terraform about problems. Providers return them (validators) or
 * add them to the request's collector (lifecycle functions); nothing is thrown across the protocol.
 * An exception escaping provider code becomes an error diagnostic in one place ({@link fromError}).
 */

/**
 * One step of an attribute path: a string names an attribute, a number indexes a list, `{ key }`
 * names a map element.
 */
export type PathStep = string | number | { readonly key: string };

/** Where in a resource's configuration a diagnostic points, e.g. `['rule', 0, 'port']`. */
export type AttributePath = readonly PathStep[];

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  readonly path?: AttributePath;
}

/** An error diagnostic. @example error('Invalid scope', '"emial_read" is not a scope', ['scopes']) */
export function error(summary: string, detail?: string, path?: AttributePath): Diagnostic {
  return { severity: 'error', summary, ...(detail === undefined ? {} : { detail }), ...(path ? { path } : {}) };
}

/** A warning diagnostic. */
export function warning(summary: string, detail?: string, path?: AttributePath): Diagnostic {
  return { severity: 'warning', summary, ...(detail === undefined ? {} : { detail }), ...(path ? { path } : {}) };
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A collector handed to lifecycle functions: add to it instead of throwing. */
export class Diagnostics {
  readonly #items: Diagnostic[] = [];

  /** Adds an error. */
  error(summary: string, detail?: string, path?: AttributePath): this {
    this.#items.push(error(summary, detail, path));
    return this;
  }

  /** Adds a warning. */
  warning(summary: string, detail?: string, path?: AttributePath): this {
    this.#items.push(warning(summary, detail, path));
    return this;
  }

  /** Adds diagnostics made elsewhere. */
  add(...diagnostics: readonly Diagnostic[]): this {
    this.#items.push(...diagnostics);
    return this;
  }

  hasErrors(): boolean {
    return hasErrors(this.#items);
  }

  get items(): readonly Diagnostic[] {
    return this.#items;
  }
}

/**
 * An exception from provider code as a diagnostic: the summary says what failed, the detail carries
 * the message (prefixed with the error's `code` when it has one, e.g. `ERR_NOT_FOUND: …`).
 */
export function fromError(summary: string, err: unknown): Diagnostic {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return error(summary, typeof code === 'string' ? `${code}: ${err.message}` : err.message);
  }
  return error(summary, String(err));
}
