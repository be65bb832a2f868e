/**
 * The program a query runs in: a separate Node process (killed when the query
 * runs too long) that loads the snapshot image, refuses anything but a
 * read-only query, and writes the columns and then each row as a JSON line.
 * It reads `{module, binding, sql, maxRows}` and the image from stdin.
 */
export const QUERY_CHILD_SOURCE = String.raw`
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const all = Buffer.concat(chunks);
  const nl = all.indexOf(10);
  const cfg = JSON.parse(all.subarray(0, nl).toString('utf8'));
  let pending = '';
  const flush = () => { if (pending) { process.stdout.write(pending); pending = ''; } };
  const out = (o) => { pending += JSON.stringify(o) + '\n'; if (pending.length > 65536) flush(); };
  const cell = (v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? v.toString() : v);
  try {
    const Database = require(cfg.module);
    const db = new Database(all.subarray(nl + 1), cfg.binding ? { nativeBinding: cfg.binding } : {});
    db.pragma('query_only = ON');
    const stmt = db.prepare(cfg.sql);
    if (!stmt.reader) throw new Error('Only a query that returns rows (SELECT, WITH or VALUES) can run.');
    if (!stmt.readonly) throw new Error('Only read-only queries can run.');
    stmt.raw(true);
    out({ columns: stmt.columns().map((c) => c.name) });
    let n = 0;
    for (const row of stmt.iterate()) {
      if (++n > cfg.maxRows) { out({ tooMany: cfg.maxRows }); flush(); return; }
      out(row.map(cell));
    }
    out({ done: n });
  } catch (e) {
    out({ error: String((e && e.message) || e) });
  }
  flush();
});
`;
