import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatRelative, formatTimeMs } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { SearchBar } from './SearchBar';
import { AttemptCard } from './AttemptCard';

export function DeliveriesTab() {
  const { deliveries, selected, select, resend, nowMs, client, apiKey, filtered, openObjectById } = useDashboard(
    useShallow((s) => ({
      deliveries: s.deliveries,
      selected: s.selectedDelivery,
      select: s.selectDelivery,
      resend: s.resendDelivery,
      nowMs: s.info?.now_ms ?? 0,
      client: s.client,
      apiKey: s.info?.api_key ?? '',
      filtered: s.inspectorFilter.deliveries.q !== '' || s.inspectorFilter.deliveries.status !== '',
      openObjectById: s.openObjectById,
    })),
  );
  const base = client?.connection.baseUrl ?? '';
  return (
    <div className="split">
      <div className="pane list-pane">
        <SearchBar tab="deliveries" placeholder="Search event type, id or endpoint URL" statuses={['pending', 'succeeded', 'failed']} />
        {deliveries.length === 0 ? (
          filtered ? (
            <p className="muted pad">No delivery matches.</p>
          ) : (
            <EmptyState
              testId="deliveries-empty"
              title="No webhook deliveries yet"
              command={`curl ${base}/v1/webhook_endpoints -u ${apiKey}: -d url=http://127.0.0.1:4242/webhook -d "enabled_events[]=*"`}
            intro="Register an endpoint (or use the form under Controls); every event is then delivered to it and each attempt is recorded here."
            />
          )
        ) : (
          <ul className="rows" data-testid="deliveries-list">
            {deliveries.map((d) => (
              <li key={d.id}>
                <button
                  className={selected?.id === d.id ? 'list-row selected' : 'list-row'}
                  data-testid="delivery-row"
                  data-delivery={d.id}
                  data-status={d.status}
                  onClick={() => void select(d.id)}
                >
                  <span className="grow ellipsis">
                    <span className="mono">{d.event_type ?? d.event_id}</span>
                    <small className="muted block ellipsis">→ {d.endpoint_url ?? d.endpoint_id}</small>
                  </span>
                  <span className={`badge ${d.status}`}>{d.status}</span>
                  <span className="muted small num">
                    {d.attempt_count} attempt{d.attempt_count === 1 ? '' : 's'}
                    {d.status === 'pending' && d.next_attempt_ms !== null && <span className="block">retry {formatRelative(d.next_attempt_ms, nowMs)}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pane detail-pane" data-testid="delivery-detail">
        {selected ? (
          <>
            <div className="detail-head">
              <h3 className="mono">{selected.event_type ?? selected.event_id}</h3>
              <button className="button primary" data-testid="resend-delivery" onClick={() => void resend(selected)}>
                Resend
              </button>
            </div>
            <dl className="facts">
              <dt>Event</dt>
              <dd>
                <button className="link mono" onClick={() => void openObjectById(selected.event_id)}>
                  {selected.event_id}
                </button>
              </dd>
              <dt>Endpoint</dt>
              <dd className="mono ellipsis">{selected.endpoint_url ?? selected.endpoint_id}</dd>
              <dt>Status</dt>
              <dd>
                <span className={`badge ${selected.status}`} data-testid="delivery-status">
                  {selected.status}
                </span>
              </dd>
              <dt>Next retry</dt>
              <dd data-testid="delivery-next-retry">
                {selected.next_attempt_ms === null
                  ? '—'
                  : `${formatTimeMs(selected.next_attempt_ms)} (${formatRelative(selected.next_attempt_ms, nowMs)} on the sandbox clock)`}
              </dd>
            </dl>
            <h4>
              Attempts <span className="muted">({selected.attempts.length})</span>
            </h4>
            {selected.attempts.length === 0 && <p className="muted">Queued — not attempted yet.</p>}
            {[...selected.attempts].reverse().map((a, i) => (
              <AttemptCard key={a.id} attempt={a} number={selected.attempts.length - i} />
            ))}
          </>
        ) : (
          <p className="muted pad">Select a delivery to see every attempt, its signature and the endpoint's answer.</p>
        )}
      </div>
    </div>
  );
}
