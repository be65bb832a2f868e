import './sigma.css';
import { useEffect, useState } from 'react';
import { useDashboard } from '../../stores/store';
import { formatTime } from '../../app/format';
import { downloadQuery, listTables, runQuery, type QueryResult, type SigmaTableInfo } from './sigma-api';

const FIRST_QUERY = `SELECT type, count(*) AS entries, sum(balance_impact_cash) AS cash
FROM treasury_transaction_entries
GROUP BY type
ORDER BY entries DESC`;

function cell(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Sigma's query page over the sandbox: SQL in, the result table and a CSV download out. */
export function SigmaView() {
  const client = useDashboard((s) => s.client);
  const notify = useDashboard((s) => s.notify);
  const [tables, setTables] = useState<SigmaTableInfo[]>([]);
  const [sql, setSql] = useState(FIRST_QUERY);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (client) void listTables(client).then(setTables, (e: Error) => notify('error', e.message));
  }, [client, notify]);

  const run = async () => {
    if (!client) return;
    setBusy(true);
    try {
      setResult(await runQuery(client, sql));
    } catch (e) {
      notify('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    if (!client) return;
    setBusy(true);
    try {
      await downloadQuery(client, sql);
    } catch (e) {
      notify('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const withData = tables.filter((t) => t.name.startsWith('treasury_'));
  const others = tables.filter((t) => !t.name.startsWith('treasury_'));

  return (
    <section className="sigma">
      <nav className="pane list-pane sigma-tables" data-testid="sigma-tables" aria-label="Tables">
        {[...withData, ...others].map((t) => (
          <div key={t.name}>
            <button className={open === t.name ? 'type-item active' : 'type-item'} data-testid={`sigma-table-${t.name}`} onClick={() => setOpen(open === t.name ? null : t.name)} onDoubleClick={() => setSql(`SELECT *\nFROM ${t.name}\nLIMIT 100`)} title="Double-click to query it">
              <span className="mono">{t.name}</span>
            </button>
            {open === t.name && <p className="muted small mono sigma-columns">{t.columns.join(', ')}</p>}
          </div>
        ))}
      </nav>
      <div className="pane detail-pane sigma-main">
        <textarea
          className="code sigma-sql"
          data-testid="sigma-sql"
          spellCheck={false}
          rows={6}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
          }}
        />
        <div className="filters">
          <button className="button primary" data-testid="sigma-run" disabled={busy || !sql.trim()} onClick={() => void run()}>
            Run <kbd>Ctrl ↵</kbd>
          </button>
          <button className="button" data-testid="sigma-download" disabled={busy || !sql.trim()} onClick={() => void download()}>
            Download CSV
          </button>
          <span className="muted small" data-testid="sigma-status">
            {busy
              ? 'Running…'
              : result
                ? result.status === 'completed'
                  ? `${result.rows.length.toLocaleString()} rows${result.truncated ? ' (the first ones; download for all)' : ''} · data as of ${formatTime(result.data_load_time)}`
                  : result.status
                : 'Read-only views of the sandbox, named like Sigma’s tables.'}
          </span>
        </div>
        {result && result.status !== 'completed' && (
          <p className="notice error" data-testid="sigma-error">
            {result.error}
          </p>
        )}
        {result && result.status === 'completed' && (
          <div className="sigma-results">
            <table data-testid="sigma-results">
              <thead>
                <tr>
                  {result.columns.map((c, i) => (
                    <th key={i}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r, i) => (
                  <tr key={i} data-testid="sigma-row">
                    {r.map((v, j) => (
                      <td key={j} className={typeof v === 'number' ? 'num mono' : 'mono'}>
                        {cell(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
