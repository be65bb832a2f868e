import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { BalanceChart } from './BalanceChart';

export function BalanceCharts() {
  const { series, accounts } = useDashboard(useShallow((s) => ({ series: s.series, accounts: s.accounts })));
  if (series.length === 0) return null;
  const names = new Map(accounts.map((a) => [a.id, a.nickname ?? a.id]));
  return (
    <div className="charts" data-testid="balance-charts">
      {series.map((s) => (
        <BalanceChart key={`${s.financial_account}:${s.currency}`} series={s} name={names.get(s.financial_account) ?? s.financial_account} />
      ))}
    </div>
  );
}
