/**
 * @module
 * Proves each declared resource against the target with its own credentials: every registered
 * vendor contributes its checks (Marketing Cloud: `vendors/marketing-cloud/verify.ts`; Constant
 * Contact: `vendors/constant-contact/verify.ts`), run vendor by vendor, then the secrets' expiry
 * (`verify-expiry.ts`). `waitMs` retries until every
 * check passes or the time is up (Marketing Cloud takes up to 5 minutes to apply a change). On the
 * emulator every request is a probe (`x-grantform-probe: verify`), so none of verify's tokens and calls
 * count as the clients' usage (`grantform advise`).
 */
import { probeFetch } from './drivers/http.js';
import type { Registry } from './registry/registry.js';
import { BUILT_IN_REGISTRY } from './vendors/index.js';
import { expiryChecks } from './verify-expiry.js';
import type { VerifyAttempt, VerifyOptions, VerifyReport } from './verify-report.js';

export {
  type Check,
  type CheckStatus,
  checker,
  parseDuration,
  renderJunit,
  renderVerifyTable,
  type VerifyAttempt,
  type VerifyCheck,
  type VerifyOptions,
  type VerifyReport,
  type VerifyWarning,
  wanted,
} from './verify-report.js';

/**
 * Runs every check (each registered vendor's: `registry`, @default the built-in vendors); with
 * `waitMs`, repeats until all pass or the time is up.
 * @example
 * const report = await verify({ desired, state, target: 'emulator', fetch, env: {}, secret: sink.get });
 */
export async function verify(options: VerifyOptions & { readonly registry?: Registry }): Promise<VerifyReport> {
  const o = options.target === 'emulator' ? { ...options, fetch: probeFetch(options.fetch, 'verify') } : options;
  const registry = o.registry ?? BUILT_IN_REGISTRY;
  const attempts: VerifyAttempt[] = [];
  for (const v of registry.vendors) if (v.verify !== undefined) attempts.push(await v.verify(o));
  attempts.push(async () => expiryChecks(o, registry));
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (o.waitMs ?? 0);
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const checks = [];
    for (const run of attempts) checks.push(...(await run()));
    const ok = checks.every((c) => c.status !== 'fail');
    if (ok || Date.now() + (o.intervalMs ?? 5000) > deadline)
      return { target: o.target, ok, attempts: attempt, checks };
    await sleep(o.intervalMs ?? 5000);
  }
}
