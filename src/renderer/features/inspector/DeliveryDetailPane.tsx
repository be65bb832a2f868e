import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatRelative, formatTimeMs, prettyJson } from '../../app/format';
import { JsonTree } from '../../components/JsonTree';
import { AttemptsTable } from './AttemptsTable';

/** One delivery: its facts, every attempt, and the event it carries (once). */
export function DeliveryDetailPane() {
  const { selected, event, resend, nowMs, openObjectById } = useDashboard(
    useShallow((s) => ({
      selected: s.selectedDelivery,
      event: s.selectedDeliveryEvent,
      resend: s.resendDelivery,
      nowMs: s.info?.now_ms ?? 0,
      openObjectById: s.openObjectById,
    })),
  );
  const openEndpoint = (id: string) => {
    const s = useDashboard.getState();
    s.setView('webhooks');
    s.selectEndpoint(id);
  };
  if (!selected) return <p className="muted pad">Select a delivery to see every attempt, its signature and the endpoint's answer.</p>;
  return (
    <>
      <div className="detail-head">
        <h3 className="mono">
          {selected.event_type ?? selected.event_id}
          {selected.origin !== 'event' && <span className={`tag ${selected.origin}`}>{selected.origin === 'test' ? 'test event' : 'resend'}</span>}
        </h3>
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
        <dd className="mono ellipsis">
          <button className="link mono" title={selected.endpoint_id} onClick={() => openEndpoint(selected.endpoint_id)}>
            {selected.endpoint_url ?? selected.endpoint_id}
          </button>
        </dd>
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
      {selected.attempts.length === 0 ? (
        <p className="muted">Queued — not attempted yet.</p>
      ) : (
        <AttemptsTable key={selected.id} attempts={selected.attempts} />
      )}
      <h4>Event</h4>
      <div className="json" data-testid="delivery-event-json">
        {event ? (
          <JsonTree value={event.object} links={event.links} />
        ) : selected.attempts[0] ? (
          <pre className="code">{prettyJson(selected.attempts[0].request_body)}</pre>
        ) : (
          <p className="muted">The event is not stored any more.</p>
        )}
      </div>
    </>
  );
}
