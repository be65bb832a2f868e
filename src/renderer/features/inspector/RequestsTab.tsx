import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatLatency, formatTimeMs } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { SearchBar } from './SearchBar';
import { RequestDetailPane, statusTone } from './RequestDetailPane';

export function RequestsTab() {
  const { requests, readsNotKept, selectedId, select, client, apiKey, filtered } = useDashboard(
    useShallow((s) => ({
      requests: s.requests,
      readsNotKept: s.readsNotKept,
      selectedId: s.selectedRequest?.id ?? null,
      select: s.selectRequest,
      client: s.client,
      apiKey: s.info?.api_key ?? '',
      filtered: s.inspectorFilter.requests.q !== '' || s.inspectorFilter.requests.status !== '',
    })),
  );
  const base = client?.connection.baseUrl ?? '';
  return (
    <div className="split">
      <div className="pane list-pane">
        <SearchBar tab="requests" placeholder="Search path, id or idempotency key" statuses={['2xx', '4xx', '5xx']} />
        {readsNotKept > 0 && (
          <p className="muted small pad" data-testid="reads-not-kept">
            {readsNotKept.toLocaleString()} {readsNotKept === 1 ? 'read' : 'reads'} not logged: with no dashboard open, an unbroken
            stream of GET requests keeps its newest 50. Writes, and the reads around them, are all logged.
          </p>
        )}
        {requests.length === 0 ? (
          filtered ? (
            <p className="muted pad">No request matches.</p>
          ) : (
            <EmptyState
              testId="requests-empty"
              title="No API requests yet"
              command={`curl ${base}/v1/treasury/financial_accounts -u ${apiKey}: -G`}
              intro="Every request to the API shows up here — errors and unknown URLs too — with its headers, params and response. Try:"
            />
          )
        ) : (
          <ul className="rows" data-testid="requests-list">
            {requests.map((r) => (
              <li key={r.id}>
                <button
                  className={selectedId === r.id ? 'list-row selected' : 'list-row'}
                  data-testid="request-row"
                  data-request={r.id}
                  data-replayed={r.replayed}
                  title={`${r.method} ${r.path}`}
                  onClick={() => void select(r.id)}
                >
                  <span className={`method ${r.method.toLowerCase()}`}>{r.method}</span>
                  <span className="grow ellipsis">
                    <span className="mono">{r.path}</span>
                    <small className="muted block ellipsis">
                      {formatTimeMs(r.at_ms)}
                      {r.idempotency_key && <> · key {r.idempotency_key}</>}
                    </small>
                  </span>
                  {r.replayed && <span className="tag replay">replay</span>}
                  <span className={`badge ${statusTone(r.status)}`}>{r.status}</span>
                  <span className="muted small num">{formatLatency(r.latency_ms)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pane detail-pane" data-testid="request-detail">
        <RequestDetailPane />
      </div>
    </div>
  );
}
