/**
 * @module
 * `ephemeral "grantform_client_secret"`: a secret from the secrets sink (or the environment), by its
 * env name, for the duration of one Terraform run: to hand to a provisioner, another provider's
 * configuration or a write-only attribute. Terraform keeps an ephemeral value out of state and out of
 * saved plans.
 */
import { attr, type EphemeralResourceDefinition, type Schema } from '@grantform/terraform-plugin';
import type { GrantformClient } from '../client.js';
import { secretValue } from '../secret-values.js';

export const clientSecretSchema = {
  description: 'A client, partner or JWT signing secret grantform kept, by env name; never stored by Terraform.',
  attributes: {
    env: attr.string({
      required: true,
      description: 'The env name it is kept under, e.g. grantform_api_integration.<name>.client_secret_env.',
    }),
    value: attr.string({ computed: true, sensitive: true, description: 'The secret.' }),
  },
} satisfies Schema;

export const clientSecretEphemeral: EphemeralResourceDefinition<GrantformClient, typeof clientSecretSchema> = {
  schema: clientSecretSchema,
  open: async ({ client, config, diagnostics }) => {
    const found = await secretValue(client, config.env);
    if ('missing' in found) diagnostics.error('Secret not found', found.missing, ['env']);
    return { result: { env: config.env, value: 'value' in found ? found.value : null } };
  },
};
