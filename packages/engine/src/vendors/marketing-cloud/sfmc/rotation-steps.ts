/**
 * @module
 * For the read-only `sfmc` target: a staged secret rotation (`grantform rotate --target sfmc`) as
 * console steps (vendor-endpoints §1.11: generate a staged secret, wait 5 minutes until both are
 * accepted, deliver it, activate it, which disables the old one at once). After them the CLI runs
 * `verify --wait` with the new secret. Pure.
 */
import type { ChecklistOptions } from '../../../driver.js';
import type { SecretRotation } from '../../../plan/types.js';
import { INSTALLED_PACKAGES } from './checklist.js';

/** The package name of an integration at `address` (from the config), else the address. */
function packageName(address: string, options: ChecklistOptions): string {
  const pkg = options.desired.resources[address]?.attributes.package;
  const name = typeof pkg === 'string' ? options.desired.resources[pkg]?.attributes.name : undefined;
  return typeof name === 'string' ? name : address;
}

/** Numbered steps per rotation. */
export function renderRotationSteps(rotations: readonly SecretRotation[], options: ChecklistOptions): string {
  const lines: string[] = [
    'Rotate these secrets in the Marketing Cloud console (the old one keeps working until step 4):',
    '',
  ];
  for (const r of rotations) {
    const at = `${INSTALLED_PACKAGES} → ${packageName(r.address, options)} → API Integration`;
    lines.push(`# ${r.address} ${r.secret} (${r.reason})`);
    lines.push(`[ ] 1. ${at} → Rotate Secret → Generate staged secret (at most once every 5 minutes); copy it`);
    lines.push(`[ ] 2. Wait 5 minutes: from then on both the old and the staged secret are accepted`);
    lines.push(`[ ] 3. Put the staged secret where its consumers read it, and into ${r.env} for grantform`);
    lines.push(`[ ] 4. ${at} → Rotate Secret → Activate (the old secret stops working at once)`);
    lines.push('');
  }
  lines.push('Then grantform verifies each integration with the secret in its env (verify --wait).');
  return `${lines.join('\n')}\n`;
}
