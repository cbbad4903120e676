/**
 * @module
 * Console page: every token the emulator still lists (access, refresh, codes) with its state on the
 * emulator clock: active, expired (or used, for single-use codes and refresh tokens) or revoked.
 * Filters are a plain GET form. Token values are never stored, so they cannot be shown.
 */
import type { FC } from 'hono/jsx';
import { SelectFilter } from '../../../console/components.js';
import { type ClockView, CONSOLE_PATH, ConsoleLayout } from '../../../console/layout.js';
import type { McContext } from '../context.js';
import { TokenTable } from './components.js';
import { tokenRows } from './model.js';

export interface TokenFilter {
  readonly state?: string | undefined;
  readonly kind?: string | undefined;
  readonly client?: string | undefined;
}

const STATES = ['active', 'expired', 'used', 'revoked'] as const;
const KINDS = ['access', 'refresh', 'code'] as const;

export const TokensPage: FC<{ ctx: McContext; clock: ClockView; filter: TokenFilter }> = ({ ctx, clock, filter }) => {
  const all = tokenRows(ctx, clock.nowMs);
  const rows = all.filter(
    (t) =>
      (!filter.state || t.state === filter.state) &&
      (!filter.kind || t.kind === filter.kind) &&
      (!filter.client || t.clientId === filter.client),
  );
  const clients = [...new Set(all.map((t) => t.clientId))].sort();
  const counts = Object.fromEntries(STATES.map((s) => [s, all.filter((t) => t.state === s).length]));
  return (
    <ConsoleLayout title="Tokens" current="tokens" clock={clock}>
      <p>
        {counts.active} active, {counts.expired} expired, {counts.used} used, {counts.revoked} revoked. Expired tokens
        stay listed for {ctx.options.expiredTokenRetention / 60} minutes. Advance the{' '}
        <a href={`${CONSOLE_PATH}/clock`}>clock</a> to watch them expire.
      </p>
      <section class="panel" aria-labelledby="token-filters">
        <h2 id="token-filters">Filter</h2>
        <form class="inline" method="get" action={`${CONSOLE_PATH}/tokens`}>
          <SelectFilter label="State" name="state" options={STATES} selected={filter.state} />
          <SelectFilter label="Kind" name="kind" options={KINDS} selected={filter.kind} />
          <SelectFilter label="Client id" name="client" options={clients} selected={filter.client} />
          <button type="submit">Apply</button>
          <a class="button secondary" href={`${CONSOLE_PATH}/tokens`}>
            Clear
          </a>
        </form>
      </section>
      <TokenTable rows={rows} now={clock.nowMs} caption={`${rows.length} of ${all.length} tokens, newest first`} />
    </ConsoleLayout>
  );
};
