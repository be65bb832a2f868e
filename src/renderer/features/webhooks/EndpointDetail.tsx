import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WebhookEndpointSummary } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';
import { formatTime } from '../../app/format';
import { EndpointForm } from './EndpointForm';
import { SigningSecret } from './SigningSecret';
import { TestEventForm } from './TestEventForm';
import { EndpointDeliveries } from './EndpointDeliveries';

export function EndpointDetail({ summary }: { summary: WebhookEndpointSummary }) {
  const { updateEndpoint, deleteEndpoint } = useDashboard(
    useShallow((s) => ({ updateEndpoint: s.updateEndpoint, deleteEndpoint: s.deleteEndpoint })),
  );
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ep = summary.endpoint;
  if (editing) return <EndpointForm key={ep.id} editing={ep} onDone={() => setEditing(false)} />;
  const enabled = ep.status === 'enabled';
  return (
    <div data-testid="endpoint-detail" data-endpoint={ep.id}>
      <div className="detail-head">
        <h3 className="mono ellipsis" title={ep.url}>
          {ep.url}
        </h3>
        <span className={`badge ${enabled ? 'succeeded' : 'failed'}`} data-testid="endpoint-status">
          {ep.status}
        </span>
      </div>
      <div className="row gap">
        <button className="button small" data-testid="endpoint-edit" onClick={() => setEditing(true)}>
          Edit URL and events
        </button>
        <button className="button small" data-testid="endpoint-toggle" onClick={() => void updateEndpoint(ep.id, { disabled: enabled })}>
          {enabled ? 'Disable' : 'Enable'}
        </button>
        {confirming ? (
          <span className="row gap confirm">
            <span className="small">Delete this endpoint and stop its retries?</span>
            <button className="button small danger" data-testid="endpoint-delete-confirm" onClick={() => void deleteEndpoint(ep.id)}>
              Delete
            </button>
            <button className="button small ghost" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button className="button small ghost" data-testid="endpoint-delete" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>Id</dt>
        <dd className="mono">{ep.id}</dd>
        <dt>Created</dt>
        <dd>{ep.created ? formatTime(ep.created) : '—'}</dd>
        {ep.description && (
          <>
            <dt>Description</dt>
            <dd>{ep.description}</dd>
          </>
        )}
        <dt>Events</dt>
        <dd className="mono small" data-testid="endpoint-events">
          {ep.enabled_events.join(', ')}
        </dd>
      </dl>
      <SigningSecret endpointId={ep.id} />
      <TestEventForm key={ep.id} endpointId={ep.id} subscribed={ep.enabled_events} />
      <h4>
        Deliveries{' '}
        <span className="muted small">
          {summary.deliveries.succeeded} succeeded · {summary.deliveries.failed} failed · {summary.deliveries.pending} pending
        </span>
      </h4>
      <EndpointDeliveries />
    </div>
  );
}
