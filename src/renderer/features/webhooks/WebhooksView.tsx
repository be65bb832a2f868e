import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { EndpointDetail } from './EndpointDetail';
import { EndpointForm } from './EndpointForm';

/** Webhook endpoints: list, create, reveal the secret, edit, enable/disable, delete, test, and their deliveries. */
export function WebhooksView() {
  const { endpoints, selected, select, load } = useDashboard(
    useShallow((s) => ({ endpoints: s.endpoints, selected: s.selectedEndpoint, select: s.selectEndpoint, load: s.loadEndpoints })),
  );
  useEffect(() => void load(), [load]);
  const open = endpoints.find((e) => e.endpoint.id === selected);
  return (
    <section className="split webhooks" data-testid="webhooks">
      <div className="pane list-pane">
        <div className="filters">
          <button className="button primary" data-testid="endpoint-add" onClick={() => select('new')}>
            + Add endpoint
          </button>
          <span className="spacer" />
          <span className="muted small">{endpoints.length} endpoint{endpoints.length === 1 ? '' : 's'}</span>
        </div>
        <ul className="rows" data-testid="endpoint-list">
          {endpoints.map(({ endpoint: ep, deliveries }) => (
            <li key={ep.id}>
              <button
                className={selected === ep.id ? 'list-row selected' : 'list-row'}
                data-testid="endpoint-row"
                data-endpoint={ep.id}
                onClick={() => select(ep.id)}
              >
                <span className="grow ellipsis">
                  <span className="mono">{ep.url}</span>
                  <small className="muted block ellipsis">
                    {ep.enabled_events.includes('*') ? 'all events' : `${ep.enabled_events.length} event type${ep.enabled_events.length === 1 ? '' : 's'}`}
                    {' · '}
                    {deliveries.succeeded} ok, {deliveries.failed} failed, {deliveries.pending} pending
                  </small>
                </span>
                <span className={`badge ${ep.status === 'enabled' ? 'succeeded' : 'failed'}`}>{ep.status}</span>
              </button>
            </li>
          ))}
        </ul>
        {endpoints.length === 0 && <p className="muted pad">No endpoints yet. Add one to receive every event the sandbox emits, signed.</p>}
      </div>
      <div className="pane detail-pane">
        {selected === 'new' ? (
          <EndpointForm onDone={() => useDashboard.getState().selectedEndpoint === 'new' && select(null)} />
        ) : open ? (
          <EndpointDetail key={open.endpoint.id} summary={open} />
        ) : (
          <p className="muted pad">Select an endpoint to see its signing secret, send a test event and follow its deliveries.</p>
        )}
      </div>
    </section>
  );
}
