/**
 * @module
 * Token-request parameters of the Marketing Cloud auth hosts, from a JSON or form body, with typed
 * accessors that turn wrong types into `invalid_request` instead of a crash.
 */
import { singleValued } from '../../params.js';
import { InvalidRequest } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

export class TokenParams {
  /**
   * @param values the request's parameters
   * @param declared when given, the only names that may be read (a grant's `parameters`)
   */
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    private readonly declared?: ReadonlySet<string>,
  ) {}

  /**
   * The same parameters as a grant sees them: only the names it declares may be read, and reading
   * any other is a programming error (a grant that forgot to declare what it reads), not a client's.
   */
  only(declared: ReadonlySet<string>): TokenParams {
    return new TokenParams(this.values, declared);
  }

  /** The parameter's own value: a name such as `constructor` never reads the prototype. */
  private own(name: string): unknown {
    if (this.declared !== undefined && !this.declared.has(name)) {
      throw new TypeError(`the "${name}" parameter is read but not declared in the grant's parameters`);
    }
    return Object.hasOwn(this.values, name) ? this.values[name] : undefined;
  }
  has(name: string): boolean {
    const v = this.own(name);
    return v !== undefined && v !== null;
  }
  /** A string parameter, `undefined` when absent; anything else is `invalid_request`. */
  string(name: string): string | undefined {
    const v = this.own(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new InvalidRequest(`The "${name}" parameter must be a string.`);
    return v;
  }
  /** A required, non-empty string parameter. */
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined || v === '') throw new InvalidRequest(`The "${name}" parameter is required.`);
    return v;
  }
  /** `account_id` as a number or a string of digits (clients send both). */
  accountId(): number | undefined {
    const v = this.own('account_id');
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
    if (typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) && Number(v) > 0) return Number(v);
    throw new InvalidRequest('The "account_id" parameter must be the MID of a business unit (a positive integer).');
  }
}

/** Parses a token-request body. JSON (the documented form) and form-urlencoded are both accepted. */
export function parseTokenBody(contentType: string | undefined, text: string): TokenParams {
  if (text.length > MAX_BODY_BYTES) throw new InvalidRequest('The request body is too large.');
  const type = (contentType ?? '').toLowerCase();
  const looksJson = type.includes('json') || (!type.includes('form') && text.trimStart().startsWith('{'));
  if (looksJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidRequest('The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new InvalidRequest('The request body must be a JSON object.');
    }
    return new TokenParams(parsed as Record<string, unknown>);
  }
  if (text.trim() === '') throw new InvalidRequest('The request body is empty.');
  const { values, repeated } = singleValued(new URLSearchParams(text));
  if (repeated[0] !== undefined) throw new InvalidRequest(`The "${repeated[0]}" parameter is repeated.`);
  return new TokenParams(values);
}
