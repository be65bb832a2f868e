import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';

/**
 * Sends a test event of a chosen type to this endpoint only. The object is
 * made for the test, in the state the type implies; no real object changes.
 */
export function TestEventForm({ endpointId, subscribed }: { endpointId: string; subscribed: string[] }) {
  const { catalog, loadEventTypes, send } = useDashboard(
    useShallow((s) => ({ catalog: s.eventTypes, loadEventTypes: s.loadEventTypes, send: s.sendTestEvent })),
  );
  useEffect(() => void loadEventTypes(), [loadEventTypes]);
  const options = subscribed.includes('*') ? (catalog?.emitted ?? []) : subscribed;
  const [type, setType] = useState('');
  const chosen = type || options[0] || 'treasury.outbound_payment.posted';
  return (
    <form
      className="row gap test-event"
      data-testid="test-event-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send(endpointId, chosen);
      }}
    >
      <label className="grow">
        Send a test event
        <select data-testid="test-event-type" value={chosen} onChange={(e) => setType(e.target.value)}>
          {options.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <button className="button" type="submit" data-testid="test-event-send">
        Send test event
      </button>
    </form>
  );
}
