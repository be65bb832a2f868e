import { useState } from 'react';
import type { BalancePoint, BalanceSeries } from '@shared/dashboard-api';
import { formatDay, formatMoney, formatTime } from '../../app/format';

const W = 320;
const H = 96;
type Key = 'cash' | 'inbound_pending' | 'outbound_pending';

/** A step line: balances hold their value until the next entry. */
function stepPath(points: BalancePoint[], key: Key, x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  points.forEach((p, i) => {
    const px = x(p.t).toFixed(1);
    const py = y(p[key]).toFixed(1);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  return d + `H${W}`;
}

/** The balance in force at time t: the last point at or before it. */
function pointAt(points: BalancePoint[], t: number): BalancePoint | undefined {
  let found: BalancePoint | undefined;
  for (const p of points) {
    if (p.t > t) break;
    found = p;
  }
  return found ?? points[0];
}

/** One account's balances over time, with value axes, dates, and the values under the pointer. */
export function BalanceChart({ series, name }: { series: BalanceSeries; name: string }) {
  const pts = series.points;
  const cur = series.currency;
  const last = pts[pts.length - 1];
  const t0 = pts[0]?.t ?? 0;
  const t1 = Math.max(last?.t ?? 1, t0 + 1);
  const values = pts.flatMap((p) => [p.cash, p.inbound_pending, p.outbound_pending, 0]);
  const lo = Math.min(...values);
  const hi = Math.max(...values, lo + 1);
  const x = (t: number) => ((t - t0) / (t1 - t0)) * W;
  const y = (v: number) => H - 2 - ((v - lo) / (hi - lo)) * (H - 4);
  const [hover, setHover] = useState<number | null>(null);
  const at = hover === null ? undefined : pointAt(pts, t0 + hover * (t1 - t0));
  return (
    <figure className="chart" data-testid="balance-chart" data-account={series.financial_account}>
      <figcaption>
        <span className="ellipsis" title={series.financial_account}>
          {name}
        </span>
        <strong>{last ? formatMoney(last.cash, cur) : '—'}</strong>
      </figcaption>
      <div className="chart-body">
        <div className="chart-y muted" aria-hidden>
          <span>{formatMoney(hi, cur)}</span>
          {lo < 0 && <span>{formatMoney(0, cur)}</span>}
          <span>{formatMoney(lo, cur)}</span>
        </div>
        <div
          className="chart-plot"
          data-testid="chart-plot"
          onMouseMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setHover(Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)));
          }}
          onMouseLeave={() => setHover(null)}
        >
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Balances of ${name} over time`}>
            <line x1="0" x2={W} y1={y(0)} y2={y(0)} className="axis" />
            {pts.length > 0 && (
              <>
                <path d={stepPath(pts, 'inbound_pending', x, y)} className="line inbound" />
                <path d={stepPath(pts, 'outbound_pending', x, y)} className="line outbound" />
                <path d={stepPath(pts, 'cash', x, y)} className="line cash" />
              </>
            )}
            {hover !== null && <line x1={hover * W} x2={hover * W} y1="0" y2={H} className="cursor" />}
          </svg>
          {at && hover !== null && (
            <div className={hover > 0.6 ? 'chart-tip left' : 'chart-tip'} style={{ left: `${hover * 100}%` }} data-testid="chart-tip">
              <div className="muted">{formatTime(at.t)}</div>
              <div>
                <i className="key cash" />
                cash <strong>{formatMoney(at.cash, cur)}</strong>
              </div>
              <div>
                <i className="key inbound" />
                inbound pending {formatMoney(at.inbound_pending, cur)}
              </div>
              <div>
                <i className="key outbound" />
                outbound pending {formatMoney(at.outbound_pending, cur)}
              </div>
            </div>
          )}
        </div>
        <div className="chart-dates muted">
          <span>{pts.length ? formatDay(t0) : '—'}</span>
          <span>{last ? formatDay(t1) : ''}</span>
        </div>
      </div>
      <div className="chart-axis muted">
        <span>
          <i className="key cash" />
          cash
          <i className="key inbound" />
          inbound pending
          <i className="key outbound" />
          outbound pending
        </span>
      </div>
    </figure>
  );
}
