/**
 * @module
 * Secrets are referred to by name only: a {@link SecretRef} names the environment variable that
 * holds the value. These rules check the name.
 */
import type { SecretRef } from '../manifest.js';
import { ENV_NAME_PATTERN } from '../naming.js';
import type { Rule } from './rule.js';

/** A secret reference and the field it sits in (`clientSecret`, `jwtSigningSecret`). */
export interface SecretSubject {
  readonly field: string;
  readonly secret: SecretRef;
  /** The name grantform would use by default, shown as an example. */
  readonly defaultEnv: string;
}

export const secretRules: readonly Rule<SecretSubject>[] = [
  {
    code: 'ERR_SECRET_ENV_FORMAT',
    field: (s) => `${s.field}.env`,
    when: (s) => typeof s.secret.env !== 'string' || !ENV_NAME_PATTERN.test(s.secret.env),
    message: (s) =>
      `'${String(s.secret.env)}' is not an environment variable name: use upper-case letters, digits and '_', e.g. '${s.defaultEnv}' (config names where a secret lives, never the secret itself)`,
  },
];
