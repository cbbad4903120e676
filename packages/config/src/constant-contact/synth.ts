/**
 * @module
 * Manifest resources of the Constant Contact constructs (called by `synth`), and their secret
 * references (checked for duplicates app-wide by `GrantformApp`).
 */
import type { AppNode } from '../constructs/nodes.js';
import type { ManifestResource, SecretRef } from '../manifest.js';
import type { RotationPolicy } from '../rotation.js';
import { ctctApplications } from './application.js';
import { ctctPartners } from './partner.js';

const sortedUnique = (list: readonly string[]): string[] =>
  [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** `{rotation}` when there is a policy (the manifest leaves the key out otherwise). */
export function rotationOf(policy: RotationPolicy | undefined): { rotation?: RotationPolicy } {
  return policy === undefined ? {} : { rotation: { maxAgeDays: policy.maxAgeDays } };
}

/** One resource per Constant Contact application, partner and client account (unsorted). */
export function ctctResources(app: AppNode): ManifestResource[] {
  const applications = ctctApplications(app).map(
    (a): ManifestResource => ({
      address: a.address,
      kind: 'ctct-application',
      dependsOn: [],
      spec: {
        name: a.name,
        apiKey: a.apiKey ?? null,
        type: a.type,
        clientSecret: a.clientSecret === null ? null : { env: a.clientSecret.env },
        redirectUris: sortedUnique(a.redirectUris),
        pkce: a.pkce,
        refreshTokens: a.refreshTokens,
        scopes: sortedUnique(a.scopes),
        ...rotationOf(a.rotation),
      },
    }),
  );
  const partners = ctctPartners(app).flatMap((p): ManifestResource[] => [
    {
      address: p.address,
      kind: 'ctct-partner',
      dependsOn: [p.application.address],
      spec: {
        name: p.name,
        application: p.application.address,
        partnerClientId: p.partnerClientId ?? null,
        partnerSecret: { env: p.partnerSecret.env },
        ...rotationOf(p.rotation),
      },
    },
    ...p.clientAccounts().map(
      (a): ManifestResource => ({
        address: a.address,
        kind: 'ctct-client-account',
        dependsOn: [p.address],
        spec: {
          partner: p.address,
          name: a.name,
          managed: a.managed,
          loginName: a.loginName,
          contactEmail: a.contactEmail,
          organizationName: a.organizationName,
          countryCode: a.countryCode,
          stateCode: a.stateCode,
          firstName: a.firstName,
          lastName: a.lastName,
        },
      }),
    ),
  ]);
  return [...applications, ...partners];
}

/** Every secret reference of the Constant Contact constructs, with the field it sits in. */
export function ctctSecretRefs(app: AppNode): { path: string; secret: SecretRef }[] {
  return [
    ...ctctApplications(app).flatMap((a) =>
      a.clientSecret === null ? [] : [{ path: `${a.address}.clientSecret`, secret: a.clientSecret }],
    ),
    ...ctctPartners(app).map((p) => ({ path: `${p.address}.partnerSecret`, secret: p.partnerSecret })),
  ];
}
