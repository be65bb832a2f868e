import { useDashboard } from '../../stores/store';
import type { LedgerProblem } from '@shared/dashboard-api';
import { formatMoney, formatTime } from '../../app/format';

/** A balance problem in money, naming the account; other kinds keep the engine's own sentence. */
function describe(p: LedgerProblem, name: string | null | undefined): string {
  if (p.sub_balance && p.currency && p.expected !== undefined && p.actual !== undefined) {
    const who = name ? `${name} (${p.financial_account})` : p.financial_account;
    const off = formatMoney(Math.abs(p.actual - p.expected), p.currency);
    return `${who}: balance.${p.sub_balance}.${p.currency} says ${formatMoney(p.actual, p.currency)}, but its entries add up to ${formatMoney(p.expected, p.currency)} (off by ${off}).`;
  }
  return p.message;
}

/** The ledger invariant, always visible: green when balances equal their entries, red with the why otherwise. */
export function LedgerBanner() {
  const ledger = useDashboard((s) => s.ledger);
  const runFull = useDashboard((s) => s.runFullLedgerCheck);
  const accounts = useDashboard((s) => s.accounts);
  const names = new Map(accounts.map((a) => [a.id, a.nickname]));
  if (!ledger) return null;
  if (ledger.ok) {
    return (
      <div className="ledger ok" data-testid="ledger-status" data-ok="true" data-scope={ledger.scope}>
        <span>
          ✓ Ledger balanced — {ledger.accounts} account{ledger.accounts === 1 ? '' : 's'}, {ledger.entries.toLocaleString()} entries;{' '}
          {ledger.scope === 'full'
            ? 'every balance equals the sum of its entries, every transaction the sum of its own, and no settled transaction changed'
            : 'every balance equals the sum of its entries'}{' '}
          <span className="muted">(checked {formatTime(ledger.checked_at)})</span>
        </span>
        {ledger.scope === 'balances' && (
          <button className="button small" data-testid="ledger-full-check" onClick={() => void runFull()}>
            Run the full check
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="ledger broken" data-testid="ledger-status" data-ok="false" role="alert">
      <strong>✗ Ledger invariant broken</strong>
      <ul>
        {ledger.problems.map((p, i) => (
          <li key={i} data-testid="ledger-problem" title={p.message}>
            {describe(p, names.get(p.financial_account))}
          </li>
        ))}
      </ul>
    </div>
  );
}
