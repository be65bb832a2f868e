import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { EmptyState } from '../../components/EmptyState';
import { SearchBar } from './SearchBar';
import { DeliveryRow } from './DeliveryRow';
import { DeliveryDetailPane } from './DeliveryDetailPane';

export function DeliveriesTab() {
  const { deliveries, selectedId, select, nowMs, client, apiKey, filtered } = useDashboard(
    useShallow((s) => ({
      deliveries: s.deliveries,
      selectedId: s.selectedDelivery?.id ?? null,
      select: s.selectDelivery,
      nowMs: s.info?.now_ms ?? 0,
      client: s.client,
      apiKey: s.info?.api_key ?? '',
      filtered: s.inspectorFilter.deliveries.q !== '' || s.inspectorFilter.deliveries.status !== '',
    })),
  );
  const base = client?.connection.baseUrl ?? '';
  return (
    <div className="split">
      <div className="pane list-pane">
        <SearchBar
          tab="deliveries"
          placeholder="Event type (treasury.outbound_payment.*), evt_/we_/obj id or URL"
          statuses={['pending', 'succeeded', 'failed']}
        />
        {deliveries.length === 0 ? (
          filtered ? (
            <p className="muted pad">No delivery matches.</p>
          ) : (
            <EmptyState
              testId="deliveries-empty"
              title="No webhook deliveries yet"
              command={`curl ${base}/v1/webhook_endpoints -u ${apiKey}: -d url=http://127.0.0.1:4242/webhook -d "enabled_events[]=*"`}
              intro="Register an endpoint (or use the Webhooks tab); every event is then delivered to it and each attempt is recorded here."
            />
          )
        ) : (
          <ul className="rows" data-testid="deliveries-list">
            {deliveries.map((d) => (
              <li key={d.id}>
                <DeliveryRow d={d} selected={selectedId === d.id} nowMs={nowMs} onSelect={() => void select(d.id)} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pane detail-pane" data-testid="delivery-detail">
        <DeliveryDetailPane />
      </div>
    </div>
  );
}
