import { memo } from 'react';
import type { TimelineEntry } from '@shared/dashboard-api';
import { formatImpact, formatMoney, formatTime, humanize } from '../../app/format';
import { useDashboard } from '../../stores/store';
import { FLOW_STYLE } from './flow-icons';

function impactClass(n: number): string {
  return n > 0 ? 'num pos' : n < 0 ? 'num neg' : 'num muted';
}

/** `outbound_payment_posting` under flow `outbound_payment` → `posting`; the flow's own entry → ''. */
function stepOf(entry: TimelineEntry): string {
  if (entry.type === entry.flow_type) return '';
  return entry.type.startsWith(`${entry.flow_type}_`) ? entry.type.slice(entry.flow_type.length + 1) : humanize(entry.type);
}

/**
 * The entry's own effect on what the account has or is about to get (cash +
 * inbound pending): a payment's creation reads −, its failure +, its posting
 * nothing — so a flow's entries add up to what it did.
 */
export function entryAmount(entry: TimelineEntry): number {
  return entry.balance_impact.cash + entry.balance_impact.inbound_pending;
}

export const TimelineRow = memo(function TimelineRow({ entry, accountName }: { entry: TimelineEntry; accountName: string | null }) {
  const showAccount = accountName !== null;
  const openObjectById = useDashboard((s) => s.openObjectById);
  const style = FLOW_STYLE[entry.flow_type] ?? FLOW_STYLE.other;
  const { cash, inbound_pending, outbound_pending } = entry.balance_impact;
  const cur = entry.currency;
  return (
    <div className={showAccount ? 'timeline-row with-account' : 'timeline-row'} data-testid="timeline-row" data-entry={entry.id} data-flow={entry.flow ?? ''}>
      <span className="time">{formatTime(entry.created)}</span>
      <span className="flow">
        <span className={`flow-icon ${style.tone}`} aria-hidden>
          {style.icon}
        </span>
        <span className="flow-text">
          <span className="ellipsis">
            {entry.flow ? (
              <button className="link" data-testid="timeline-flow-link" title={`Open ${entry.flow}`} onClick={() => void openObjectById(entry.flow!)}>
                {style.label}
              </button>
            ) : (
              style.label
            )}
            {stepOf(entry) && <span className="step"> · {stepOf(entry)}</span>}
          </span>
          <small className="muted ellipsis mono">{entry.flow ?? ''}</small>
        </span>
      </span>
      {showAccount && (
        <span className="small ellipsis" title={entry.financial_account}>
          {accountName}
        </span>
      )}
      <span
        className={impactClass(entryAmount(entry))}
        data-testid="timeline-amount"
        title={entry.amount === null ? undefined : `This entry's own effect on cash + inbound pending. The whole ${style.label.toLowerCase()}: ${formatMoney(entry.amount, cur)}`}
      >
        {formatImpact(entryAmount(entry), cur)}
      </span>
      <span className={impactClass(cash)}>{formatImpact(cash, cur)}</span>
      <span className={impactClass(inbound_pending)}>{formatImpact(inbound_pending, cur)}</span>
      <span className={impactClass(outbound_pending)}>{formatImpact(outbound_pending, cur)}</span>
      <span className="num strong" data-testid="timeline-running-cash" title={`inbound pending ${formatMoney(entry.running_balance.inbound_pending, cur)}, outbound pending ${formatMoney(entry.running_balance.outbound_pending, cur)}`}>
        {formatMoney(entry.running_balance.cash, cur)}
      </span>
      <span>
        <span className={`badge ${entry.transaction_status ?? 'unknown'}`} data-testid="timeline-status">
          {entry.transaction_status ?? '?'}
        </span>
      </span>
    </div>
  );
});

export function TimelineRowPlaceholder() {
  return <div className="timeline-row placeholder" aria-hidden />;
}
