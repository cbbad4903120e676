/**
 * @module
 * What an import reads about a Constant Contact application, partner and its client accounts: the
 * props the printed code declares, and what the target reports (the state's target attributes).
 */
import type { ConstantContactApplicationProps, ConstantContactClientAccountProps, SecretRef } from '@grantform/config';
import type { JsonObject } from '../../../json.js';

export interface ApplicationModel {
  readonly name: string;
  readonly props: ConstantContactApplicationProps;
  /** What the target reports (the state's target attributes). */
  readonly observed: JsonObject;
}

export interface AccountModel {
  readonly name: string;
  readonly id: string;
  readonly props: ConstantContactClientAccountProps;
  readonly observed: JsonObject;
}

export interface PartnerModel {
  readonly name: string;
  readonly partnerClientId: string;
  readonly partnerSecret: SecretRef;
  readonly observed: JsonObject;
  readonly accounts: readonly AccountModel[];
}
