/**
 * @module
 * The toy vendor's `toy-lid` kind: a box's lid, a component: the vendor cannot take it off, so
 * removing or replacing it replaces its box.
 */
import { describeKind, local, updatable } from '../../registry/descriptor.js';

export interface ToyLidSpec {
  /** The address of its box. */
  readonly box: string;
  readonly shape: 'flat' | 'dome';
}

export const toyLid = describeKind<ToyLidSpec>({
  kind: 'toy-lid',
  noun: 'lid',
  attributes: {
    box: local(),
    shape: updatable(),
  },
  computed: [],
  parent: { attribute: 'box', kind: 'toy-box' },
  component: true,
  secrets: [],
  outputs: ({ attributes: a }) => ({ shape: a.shape ?? null }),
});
