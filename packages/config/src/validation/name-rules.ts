/**
 * @module
 * Resource names: their format and their uniqueness among siblings.
 */
import { isValidName, NAME_MAX_LENGTH } from '../naming.js';
import type { Rule } from './rule.js';

/** A named resource among its siblings of the same kind. */
export interface NamedSubject {
  readonly name: string;
  /** Position among `siblingNames`. */
  readonly index: number;
  /** Names of every sibling of the same kind, in declaration order, this one included. */
  readonly siblingNames: readonly string[];
  /** e.g. `tenant`, `package`. */
  readonly kindLabel: string;
  /** Where names must be unique, e.g. `the app`, `tenant 'acme'`. */
  readonly scopeLabel: string;
}

export const nameRules: readonly Rule<NamedSubject>[] = [
  {
    code: 'ERR_NAME_FORMAT',
    field: 'name',
    when: (s) => !isValidName(s.name),
    message: (s) =>
      `${s.kindLabel} name '${s.name}' is not valid: use lower-case letters, digits and single hyphens, starting with a letter, at most ${NAME_MAX_LENGTH} characters (e.g. '${suggestName(s.name)}'); it becomes part of the resource address`,
  },
  {
    code: 'ERR_NAME_DUPLICATE',
    field: 'name',
    when: (s) => s.siblingNames.indexOf(s.name) < s.index,
    message: (s) =>
      `another ${s.kindLabel} in ${s.scopeLabel} is already named '${s.name}': ${s.kindLabel} names must be unique there, rename this one`,
  },
];

/** A best-effort valid name close to `name`, used in messages. */
export function suggestName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return cleaned === '' ? 'my-name' : cleaned;
}
