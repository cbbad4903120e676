/**
 * @module
 * The toy vendor's `toy-box` kind: a box with a name (changes in place) and a colour (cannot
 * change: replaces the box). The target assigns its serial number and hands out its key.
 */

import type { SecretRef } from '@grantform/config';
import { describeKind, replacing, secretEnvOutput, secretRef, updatable } from '../../registry/descriptor.js';

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
    name: updatable(),
    colour: replacing(),
    key: secretRef('rotate', 'box key'),
  },
  computed: ['serial'],
  parent: null,
  component: false,
  secrets: [{ name: 'boxKey', env: { attribute: 'key' } }],
  outputs: ({ id, attributes: a }) => ({ serial: a.serial ?? id, ...secretEnvOutput(a, 'key', 'keyEnv') }),
});
