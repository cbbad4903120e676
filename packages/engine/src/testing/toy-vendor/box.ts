/**
 * @module
 * The toy vendor's `toy-box` kind: a box with a name (changes in place) and a colour (cannot
 * change: replaces the box). The target assigns its serial number and hands out its key.
 */

import type { SecretRef } from '@grantform/config';
import { secretEnv } from '../../issued-secrets.js';
import { describeKind } from '../../registry/descriptor.js';

export interface ToyBoxSpec {
  readonly name: string;
  readonly colour: string;
  /** Where the box's key is kept. */
  readonly key: SecretRef;
}

export const toyBox = describeKind<ToyBoxSpec>({
  kind: 'toy-box',
  noun: 'box',
  attributes: {
    name: { compare: 'value', onChange: 'update' },
    colour: { compare: 'value', onChange: 'replace' },
    key: { compare: 'value', onChange: 'update', local: true, secretRef: { onEnvChange: 'rotate', noun: 'box key' } },
  },
  computed: ['serial'],
  parent: null,
  component: false,
  secrets: [{ name: 'boxKey', env: { attribute: 'key' } }],
  outputs: ({ id, attributes: a }) => {
    const env = secretEnv(a, 'key');
    return { serial: a.serial ?? id, ...(env === null ? {} : { keyEnv: env }) };
  },
});
