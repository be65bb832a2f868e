import { useShallow } from 'zustand/react/shallow';
import type { FlowType, TransactionStatus } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';
import { FLOW_STYLE, FLOW_TYPES } from './flow-icons';

/** `datetime-local` values are read as UTC, the sandbox clock's zone on screen. */
function toSeconds(value: string): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value}:00Z`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function toInput(seconds: number | undefined): string {
  return seconds === undefined ? '' : new Date(seconds * 1000).toISOString().slice(0, 16);
}

export function TimelineFilters() {
  const { filter, setFilter, accounts, total } = useDashboard(
    useShallow((s) => ({ filter: s.filter, setFilter: s.setFilter, accounts: s.accounts, total: s.total })),
  );
  const active = Object.values(filter).some((v) => v !== undefined);
  return (
    <div className="filters" data-testid="timeline-filters">
      <label>
        Account
        <select
          data-testid="filter-account"
          value={filter.account ?? ''}
          onChange={(e) => setFilter({ account: e.target.value || undefined })}
        >
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.nickname ? `${a.nickname} · ` : ''}
              {a.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Flow
        <select
          data-testid="filter-flow-type"
          value={filter.flow_type ?? ''}
          onChange={(e) => setFilter({ flow_type: (e.target.value || undefined) as FlowType | undefined })}
        >
          <option value="">Any flow</option>
          {FLOW_TYPES.map((t) => (
            <option key={t} value={t}>
              {FLOW_STYLE[t].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          data-testid="filter-status"
          value={filter.status ?? ''}
          onChange={(e) => setFilter({ status: (e.target.value || undefined) as TransactionStatus | undefined })}
        >
          <option value="">Any status</option>
          <option value="open">Open</option>
          <option value="posted">Posted</option>
          <option value="void">Void</option>
        </select>
      </label>
      <label>
        From (UTC)
        <input
          type="datetime-local"
          data-testid="filter-from"
          value={toInput(filter.from)}
          onChange={(e) => setFilter({ from: toSeconds(e.target.value) })}
        />
      </label>
      <label>
        To (UTC)
        <input
          type="datetime-local"
          data-testid="filter-to"
          value={toInput(filter.to)}
          onChange={(e) => setFilter({ to: toSeconds(e.target.value) })}
        />
      </label>
      {active && (
        <button
          className="button small ghost"
          data-testid="filter-clear"
          onClick={() => setFilter({ account: undefined, flow_type: undefined, status: undefined, from: undefined, to: undefined })}
        >
          Clear filters
        </button>
      )}
      <span className="spacer" />
      <span className="muted" data-testid="timeline-count">
        {total === null ? '…' : `${total.toLocaleString()} entr${total === 1 ? 'y' : 'ies'}`}
      </span>
    </div>
  );
}
