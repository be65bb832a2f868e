import { Fragment, useState } from 'react';
import type { DeliveryAttempt } from '@shared/dashboard-api';
import { formatLatency, formatTimeMs } from '../../app/format';
import { AttemptExchange } from './AttemptExchange';

function isOk(a: DeliveryAttempt): boolean {
  return a.response_status !== null && a.response_status >= 200 && a.response_status < 300;
}

/** Every attempt, newest first, one line each; a line opens to the request and response side by side. */
export function AttemptsTable({ attempts }: { attempts: DeliveryAttempt[] }) {
  const newest = attempts[attempts.length - 1]?.id ?? null;
  const [open, setOpen] = useState<Set<string>>(() => new Set(newest ? [newest] : []));
  // The newest attempt opens by default, including one that arrives while the delivery is shown.
  const [seenNewest, setSeenNewest] = useState(newest);
  if (newest !== seenNewest) {
    setSeenNewest(newest);
    if (newest) setOpen(new Set([...open, newest]));
  }
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  return (
    <table className="attempts" data-testid="attempts-table">
      <thead>
        <tr>
          <th>#</th>
          <th>Time (sandbox)</th>
          <th>Duration</th>
          <th>Status</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {[...attempts].reverse().map((a, i) => {
          const n = attempts.length - i;
          return (
            <Fragment key={a.id}>
              <tr
                className={open.has(a.id) ? 'attempt-line open' : 'attempt-line'}
                data-testid="delivery-attempt"
                data-open={open.has(a.id)}
                onClick={() => toggle(a.id)}
              >
                <td>
                  <button className="j-toggle" aria-expanded={open.has(a.id)} aria-label={`Attempt ${n}`}>
                    {open.has(a.id) ? '▾' : '▸'}
                  </button>
                  {n}
                </td>
                <td className="num">{formatTimeMs(a.at_ms)}</td>
                <td className="num">{formatLatency(a.latency_ms)}</td>
                <td>
                  <span className={`badge ${isOk(a) ? 'succeeded' : 'failed'}`} data-testid="attempt-status">
                    {a.response_status ?? 'no response'}
                  </span>
                </td>
                <td className="error-text small">{a.error && a.error !== `HTTP ${a.response_status}` ? a.error : ''}</td>
              </tr>
              {open.has(a.id) && (
                <tr className="attempt-detail">
                  <td colSpan={5}>
                    <AttemptExchange attempt={a} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
