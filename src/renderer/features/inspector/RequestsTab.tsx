import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatLatency, formatTimeMs, prettyJson } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { CopyButton } from '../../components/CopyButton';
import { SearchBar } from './SearchBar';
import { toCurl } from './curl';

function statusTone(status: number): string {
  return status >= 500 ? 'failed' : status >= 400 ? 'warn' : 'succeeded';
}

export function RequestsTab() {
  const { requests, selected, select, client, apiKey, filtered } = useDashboard(
    useShallow((s) => ({
      requests: s.requests,
      selected: s.selectedRequest,
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
        {requests.length === 0 ? (
          filtered ? (
            <p className="muted pad">No request matches.</p>
          ) : (
            <EmptyState testId="requests-empty" title="No API requests yet" command={`curl ${base}/v1/treasury/financial_accounts -u ${apiKey}: -G`}
            intro="Every request to the API shows up here with its params and response. Try:"
            />
          )
        ) : (
          <ul className="rows" data-testid="requests-list">
            {requests.map((r) => (
              <li key={r.id}>
                <button
                  className={selected?.id === r.id ? 'list-row selected' : 'list-row'}
                  data-testid="request-row"
                  data-request={r.id}
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
                  <span className={`badge ${statusTone(r.status)}`}>{r.status}</span>
                  <span className="muted small num">{formatLatency(r.latency_ms)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pane detail-pane" data-testid="request-detail">
        {selected ? (
          <>
            <div className="detail-head">
              <h3>
                <span className={`method ${selected.method.toLowerCase()}`}>{selected.method}</span> <span className="mono">{selected.path}</span>
              </h3>
              <CopyButton
                testId="copy-curl"
                label="Copy as curl"
                text={toCurl({ baseUrl: base, apiKey, method: selected.method, path: selected.path, params: selected.params, idempotencyKey: selected.idempotency_key })}
              />
            </div>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <span className={`badge ${statusTone(selected.status)}`}>{selected.status}</span>
              </dd>
              <dt>Request id</dt>
              <dd className="mono">{selected.id}</dd>
              <dt>Time</dt>
              <dd>{formatTimeMs(selected.at_ms)}</dd>
              <dt>Latency</dt>
              <dd>{formatLatency(selected.latency_ms)}</dd>
              <dt>Idempotency key</dt>
              <dd className="mono">{selected.idempotency_key ?? '—'}</dd>
            </dl>
            <h4>Request params</h4>
            <pre className="code" data-testid="request-params">{prettyJson(selected.params)}</pre>
            <h4>Response body</h4>
            <pre className="code" data-testid="request-response">{prettyJson(selected.response)}</pre>
          </>
        ) : (
          <p className="muted pad">Select a request to see its params and response.</p>
        )}
      </div>
    </div>
  );
}
