import { useShallow } from 'zustand/react/shallow';
import type { BalancePoint, BalanceSeries } from '@shared/dashboard-api';
import { formatDay, formatMoney } from '../../app/format';
import { useDashboard } from '../../stores/store';

const W = 320;
const H = 72;

/** A step line: balances hold their value until the next entry. */
function stepPath(points: BalancePoint[], key: 'cash' | 'inbound_pending' | 'outbound_pending', x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  points.forEach((p, i) => {
    const px = x(p.t).toFixed(1);
    const py = y(p[key]).toFixed(1);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  return d + `H${W}`;
}

function Chart({ series, name }: { series: BalanceSeries; name: string }) {
  const pts = series.points;
  const last = pts[pts.length - 1];
  const t0 = pts[0]?.t ?? 0;
  const t1 = Math.max(last?.t ?? 1, t0 + 1);
  const values = pts.flatMap((p) => [p.cash, p.inbound_pending, p.outbound_pending, 0]);
  const lo = Math.min(...values);
  const hi = Math.max(...values, lo + 1);
  const x = (t: number) => ((t - t0) / (t1 - t0)) * (W - 4) + 2;
  const y = (v: number) => H - 4 - ((v - lo) / (hi - lo)) * (H - 8);
  return (
    <figure className="chart" data-testid="balance-chart" data-account={series.financial_account}>
      <figcaption>
        <span className="ellipsis" title={series.financial_account}>
          {name}
        </span>
        <strong>{last ? formatMoney(last.cash, series.currency) : '—'}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Cash balance of ${name} over time`}>
        <line x1="0" x2={W} y1={y(0)} y2={y(0)} className="axis" />
        {pts.length > 0 && (
          <>
            <path d={stepPath(pts, 'inbound_pending', x, y)} className="line inbound" />
            <path d={stepPath(pts, 'outbound_pending', x, y)} className="line outbound" />
            <path d={stepPath(pts, 'cash', x, y)} className="line cash" />
          </>
        )}
      </svg>
      <div className="chart-axis muted">
        <span>since {pts.length ? formatDay(t0) : '—'}</span>
        <span>
          <i className="key cash" />
          cash
          <i className="key inbound" />
          in pending
          <i className="key outbound" />
          out pending
        </span>
      </div>
    </figure>
  );
}

export function BalanceCharts() {
  const { series, accounts } = useDashboard(useShallow((s) => ({ series: s.series, accounts: s.accounts })));
  if (series.length === 0) return null;
  const names = new Map(accounts.map((a) => [a.id, a.nickname ?? a.id]));
  return (
    <div className="charts" data-testid="balance-charts">
      {series.map((s) => (
        <Chart key={`${s.financial_account}:${s.currency}`} series={s} name={names.get(s.financial_account) ?? s.financial_account} />
      ))}
    </div>
  );
}
