import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { DeliveryRow } from '../inspector/DeliveryRow';

/** This endpoint's deliveries; one opens in the inspector with every attempt. */
export function EndpointDeliveries() {
  const { deliveries, nowMs, openDelivery } = useDashboard(
    useShallow((s) => ({ deliveries: s.endpointDeliveries, nowMs: s.info?.now_ms ?? 0, openDelivery: s.openDelivery })),
  );
  if (deliveries.length === 0) return <p className="muted">No deliveries to this endpoint yet.</p>;
  return (
    <ul className="rows" data-testid="endpoint-deliveries">
      {deliveries.map((d) => (
        <li key={d.id}>
          <DeliveryRow d={d} selected={false} nowMs={nowMs} showEndpoint={false} onSelect={() => void openDelivery(d.id)} />
        </li>
      ))}
    </ul>
  );
}
