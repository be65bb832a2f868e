import type { DeliverySummary } from '@shared/dashboard-api';
import { formatDay, formatRelative, formatTimeMs } from '../../app/format';

const ORIGIN_LABEL = { resend: 'resend', test: 'test event' } as const;

/** One delivery: when, which event, where to, how the last attempt answered and how many there were. */
export function DeliveryRow({
  d,
  selected,
  nowMs,
  showEndpoint = true,
  onSelect,
}: {
  d: DeliverySummary;
  selected: boolean;
  nowMs: number;
  showEndpoint?: boolean;
  onSelect(): void;
}) {
  const code = d.last_status ?? (d.last_error ? 'error' : '—');
  return (
    <button
      className={selected ? 'list-row delivery-row selected' : 'list-row delivery-row'}
      data-testid="delivery-row"
      data-delivery={d.id}
      data-status={d.status}
      data-origin={d.origin}
      onClick={onSelect}
    >
      <span className="muted small num delivery-time" title={`${formatTimeMs(d.created_ms)} (sandbox clock)`}>
        {formatDay(d.created_ms / 1000)}:{String(new Date(d.created_ms).getUTCSeconds()).padStart(2, '0')}
      </span>
      <span className="grow ellipsis">
        <span className="mono">{d.event_type ?? '(event deleted)'}</span>
        <small className="muted block ellipsis mono" title={d.endpoint_url ?? d.endpoint_id}>
          {d.event_id}
          {showEndpoint && <> → {d.endpoint_url ?? d.endpoint_id}</>}
        </small>
      </span>
      {d.origin !== 'event' && (
        <span className={`tag ${d.origin}`} data-testid="delivery-origin">
          {ORIGIN_LABEL[d.origin]}
        </span>
      )}
      <span className={`badge ${d.status}`} title={d.last_error ?? undefined} data-testid="delivery-last-code">
        {d.status === 'pending' && d.attempt_count === 0 ? 'queued' : code}
      </span>
      <span className="muted small num">
        {d.attempt_count} attempt{d.attempt_count === 1 ? '' : 's'}
        {d.status === 'pending' && d.next_attempt_ms !== null && d.attempt_count > 0 && (
          <span className="block">retry {formatRelative(d.next_attempt_ms, nowMs)}</span>
        )}
      </span>
    </button>
  );
}
