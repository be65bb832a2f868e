import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WebhookEndpointSummary } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';
import { EventPicker } from './EventPicker';

/** Creates an endpoint, or edits one's URL, description and events. */
export function EndpointForm({ editing, onDone }: { editing?: WebhookEndpointSummary['endpoint']; onDone(): void }) {
  const { catalog, loadEventTypes, createEndpoint, updateEndpoint } = useDashboard(
    useShallow((s) => ({
      catalog: s.eventTypes,
      loadEventTypes: s.loadEventTypes,
      createEndpoint: s.createEndpoint,
      updateEndpoint: s.updateEndpoint,
    })),
  );
  const [url, setUrl] = useState(editing?.url ?? 'http://127.0.0.1:4242/webhook');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [events, setEvents] = useState<string[]>(editing?.enabled_events ?? ['*']);
  useEffect(() => void loadEventTypes(), [loadEventTypes]);
  const submit = async () => {
    const draft = { url, description, enabled_events: events };
    const ok = editing ? await updateEndpoint(editing.id, draft) : (await createEndpoint(draft)) !== undefined;
    if (ok) onDone();
  };
  return (
    <form
      className="form endpoint-form"
      data-testid="endpoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{editing ? `Edit ${editing.id}` : 'Add a webhook endpoint'}</h3>
      <label>
        Endpoint URL
        <input type="url" required data-testid="endpoint-url" value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        Description
        <input type="text" data-testid="endpoint-description" value={description} placeholder="optional" onChange={(e) => setDescription(e.target.value)} />
      </label>
      {catalog ? <EventPicker catalog={catalog} value={events} onChange={setEvents} /> : <p className="muted">Loading event types…</p>}
      <div className="row gap">
        <button className="button primary" type="submit" data-testid="endpoint-save" disabled={events.length === 0}>
          {editing ? 'Save changes' : 'Add endpoint'}
        </button>
        <button className="button ghost" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
