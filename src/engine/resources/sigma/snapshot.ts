import type { EngineCore } from '../../context.js';
import { sigmaTables } from './tables.js';
import { atomically } from '../../store/statements.js';

const SCHEMA = 'sigma_snapshot';

/**
 * A copy of the sandbox's data shaped as Sigma's tables, as a serialized
 * SQLite database: queries run against this image in another process, never
 * against the sandbox's own database. Only the tables the SQL names are
 * filled (the rest exist, empty); with `asOf`, only objects created by then.
 * Must be called outside a transaction (it attaches a database).
 */
export function buildSnapshot(core: EngineCore, sql: string, asOf?: number): Buffer {
  if (core.db.inTransaction) throw new Error('a Sigma snapshot cannot be taken inside a transaction');
  const named = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  core.db.exec(`ATTACH DATABASE ':memory:' AS ${SCHEMA}`);
  try {
    atomically(core.db, () => {
      for (const table of sigmaTables()) {
        const cols = table.columns.map((c) => `"${c.name}"`).join(', ');
        core.db.exec(`CREATE TABLE ${SCHEMA}."${table.name}" (${cols})`);
        if (!named.has(table.name)) continue;
        const exprs = table.columns.map((c) => c.expr).join(', ');
        const until = asOf === undefined ? '' : ' AND created <= ?';
        const insert = core.db.prepare(
          `INSERT INTO ${SCHEMA}."${table.name}" (${cols}) SELECT ${exprs} FROM main.objects WHERE type = ?${until} ORDER BY seq`,
        );
        if (asOf === undefined) insert.run(table.objectType);
        else insert.run(table.objectType, asOf);
      }
    });
    return core.db.serialize({ attached: SCHEMA });
  } finally {
    core.db.exec(`DETACH DATABASE ${SCHEMA}`);
  }
}
