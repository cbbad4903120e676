/**
 * @module
 * Console page: the fault rules (`/_emulator/faults`), read-only, in the order they are tried.
 */
import type { FC } from 'hono/jsx';
import type { EmulatorContext } from '../env.js';
import { Empty } from './components.js';
import { formatInstant } from './format.js';
import { type ClockView, ConsoleLayout } from './layout.js';
import { faultRuleRows } from './model.js';

export const FaultsSection: FC<{ ctx: EmulatorContext }> = ({ ctx }) => {
  const rules = faultRuleRows(ctx);
  return (
    <section class="panel" aria-labelledby="fault-rules" id="faults">
      <h2 id="fault-rules">Fault rules</h2>
      {rules.length === 0 ? (
        <Empty text="No fault rules. Add one with POST /_emulator/faults (see ADMIN-API.md)." />
      ) : (
        <div class="table-wrap">
          <table id="fault-table">
            <caption>
              {rules.length} rule(s), in the order they are tried; the first that matches and fires wins
            </caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Matches</th>
                <th scope="col">Action</th>
                <th scope="col">Remaining</th>
                <th scope="col" class="num">
                  Probability
                </th>
                <th scope="col" class="num">
                  Hits
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr>
                  <th scope="row" class="mono">
                    {r.id}
                  </th>
                  <td>
                    {r.match.length === 0 ? (
                      <span class="muted">every vendor request</span>
                    ) : (
                      <ul class="tags">
                        {r.match.map(([k, v]) => (
                          <li>
                            {k}={v}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{r.action}</td>
                  <td>{r.remaining}</td>
                  <td class="num">{r.probability}</td>
                  <td class="num">{r.hits}</td>
                  <td class="nowrap">
                    <time datetime={r.createdAt}>{formatInstant(Date.parse(r.createdAt))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

export const FaultsPage: FC<{ ctx: EmulatorContext; clock: ClockView }> = ({ ctx, clock }) => (
  <ConsoleLayout title="Fault rules" current="faults" clock={clock}>
    <p>Rules that make the emulator answer with errors or delays, for testing how clients cope.</p>
    <FaultsSection ctx={ctx} />
  </ConsoleLayout>
);
