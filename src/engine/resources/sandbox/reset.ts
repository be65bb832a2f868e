import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { atomically, stmt } from '../../store/statements.js';
import { serialized } from './clock-controls.js';

/** Tables a reset keeps: the schema's own record and the database's settings. */
const KEPT = new Set(['schema_migrations', 'meta', 'sqlite_sequence']);

/** How many objects the sandbox holds: zero means nothing a reset would lose. */
export function objectCount(core: EngineCore): number {
  return (stmt(core.db, 'SELECT count(*) AS n FROM objects').get() as { n: number }).n;
}

/**
 * Empties the sandbox: every object, event, delivery, job, request-log row and
 * idempotency key, and the clock goes back to real time. The schema stays (and
 * secrets kept outside the database, such as the vault key). Waits for a
 * running clock advance and for webhook attempts in flight first.
 */
export function resetSandbox(core: EngineCore): Promise<{ objects_removed: number }> {
  return serialized(core, async () => {
    await core.deliveries.settle();
    const removed = objectCount(core);
    const tables = (core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !KEPT.has(name));
    atomically(core.db, () => {
      for (const name of tables) core.db.exec(`DELETE FROM "${name.replace(/"/g, '""')}"`);
    });
    core.store.invalidate();
    core.clock.reset();
    core.scheduler.arm();
    core.changes.publish({ kind: 'reset' });
    core.changes.publish({ kind: 'clock', now: core.clock.now() });
    return { objects_removed: removed };
  });
}

/** True for `confirm: true` (or "true"): a reset erases everything, so it is never implied. */
export function confirmed(body: Record<string, unknown>): boolean {
  return body.confirm === true || body.confirm === 'true';
}

/** `POST /_counterfoil/sandbox/reset {"confirm": true}`. */
export const resetControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/sandbox/reset',
    handler: async ({ core, body }) => {
      if (!confirmed(body)) {
        throw invalidRequest(
          'Resetting erases every object, event, webhook endpoint and delivery in this sandbox. Send {"confirm": true} to do it.',
          'confirm',
          'parameter_missing',
        );
      }
      const result = await resetSandbox(core);
      return { ...result, now: core.clock.now() };
    },
  },
];
