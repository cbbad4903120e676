/**
 * @module
 * The test-control admin routes, mounted inside `/_emulator` (behind the admin token): settings
 * (propagation delay, secret lifetime), fault rules, signing keys and snapshots. Every change is
 * committed to the state file (when there is one) before the response. A vendor's own test control
 * (Marketing Cloud's secret rotation, installations, app launch) is in its admin routes.
 */
import { type Context, Hono } from 'hono';
import { CONTROL_BODY_LIMIT, parseWith, readJson } from '../admin/validation.js';
import type { EmulatorContext } from '../env.js';
import { AdminError, notFound, validationError } from '../errors.js';
import { rotateKeyBody, settingsBody } from './schemas.js';
import {
  exportSnapshot,
  importSnapshot,
  importSummary,
  parseSnapshot,
  snapshotDefaults,
  withoutKeys,
} from './snapshot.js';

export function controlRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const { control } = ctx;
  const commit = () => ctx.options.persistence.commit();
  /** Test-control bodies may be large (snapshots): 64 MiB. */
  const read = (c: Context) => readJson(c, CONTROL_BODY_LIMIT);

  // ── settings ──────────────────────────────────────────────────────────────
  app.get('/settings', (c) => c.json(control.settings));
  app.put('/settings', async (c) => {
    const body = parseWith(settingsBody, await read(c));
    control.settings = {
      propagationDelaySeconds: body.propagationDelaySeconds ?? control.settings.propagationDelaySeconds,
      secretLifetimeDays: body.secretLifetimeDays ?? control.settings.secretLifetimeDays,
    };
    await commit();
    return c.json(control.settings);
  });

  // ── faults ────────────────────────────────────────────────────────────────
  app.get('/faults', (c) => c.json({ items: control.faults.list() }));
  app.post('/faults', async (c) => {
    const body = parseWith(control.faults.body, await read(c));
    const rule = control.faults.add(ctx.options.randomId(), body, ctx.nowMs());
    await commit();
    return c.json(rule, 201);
  });
  app.delete('/faults', async (c) => {
    control.faults.clear();
    await commit();
    return c.body(null, 204);
  });
  app.delete('/faults/:id', async (c) => {
    if (!control.faults.remove(c.req.param('id'))) throw notFound(`no fault rule ${c.req.param('id')}`);
    await commit();
    return c.body(null, 204);
  });

  // ── signing keys ──────────────────────────────────────────────────────────
  app.get('/keys', (c) => c.json({ items: control.keys.list() }));
  app.post('/keys/rotate', async (c) => {
    const { graceSeconds } = parseWith(rotateKeyBody, await read(c));
    control.keys.rotate(graceSeconds);
    await commit();
    return c.json({ items: control.keys.list() });
  });
  app.delete('/keys/:kid', async (c) => {
    const kid = c.req.param('kid');
    let removed: boolean;
    try {
      removed = control.keys.retire(kid);
    } catch (err) {
      throw new AdminError('ERR_CONFLICT', (err as Error).message);
    }
    if (!removed) throw notFound(`no published key ${kid}`);
    await commit();
    return c.json({ items: control.keys.list() });
  });

  // ── snapshots ─────────────────────────────────────────────────────────────
  app.get('/snapshot', (c) => {
    const include = c.req.queries('include') ?? [];
    if (include.some((v) => v !== 'keys')) {
      throw validationError([{ path: 'include', message: 'must be "keys" (the only part left out by default)' }]);
    }
    const snapshot = exportSnapshot(ctx);
    return c.json(include.length > 0 ? snapshot : withoutKeys(snapshot, ctx.vendors), 200, {
      'content-disposition': 'attachment; filename="emulator-snapshot.json"',
      'cache-control': 'no-store',
    });
  });
  app.put('/snapshot', async (c) => {
    const raw = await read(c);
    try {
      importSnapshot(
        ctx,
        parseSnapshot(raw, () => snapshotDefaults(ctx), ctx.vendors),
      );
    } catch (err) {
      throw validationError([{ path: '', message: `the snapshot cannot be imported: ${(err as Error).message}` }]);
    }
    await commit();
    return c.json(importSummary(ctx));
  });
  return app;
}
