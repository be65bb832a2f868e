import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatTime, formatWholeMs, prettyJson } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { SearchBar } from './SearchBar';

interface Details {
  body?: string;
  headers?: { name: string; value: string }[];
}

/** One side of the exchange: a first line, the headers, and the body pretty-printed when it is JSON. */
function HttpMessage({ line, details, testId }: { line: string; details: Details | null | undefined; testId: string }) {
  return (
    <div data-testid={testId}>
      <p className="mono small strong">{line}</p>
      {details?.headers && details.headers.length > 0 && (
        <table className="headers">
          <tbody>
            {details.headers.map((h, i) => (
              <tr key={i}>
                <th>{h.name}</th>
                <td className="mono">{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <pre className="code">{details?.body ? prettyJson(details.body) : '(empty body)'}</pre>
    </div>
  );
}

export function ForwardingTab() {
  const { entries, selectedId, select, client, apiKey, filtered } = useDashboard(
    useShallow((s) => ({
      entries: s.forwarding,
      selectedId: s.selectedForwarding,
      select: s.selectForwarding,
      client: s.client,
      apiKey: s.info?.api_key ?? '',
      filtered: s.inspectorFilter.forwarding.q !== '' || s.inspectorFilter.forwarding.status !== '',
    })),
  );
  const selected = entries.find((e) => e.id === selectedId) ?? null;
  const base = client?.connection.baseUrl ?? '';
  const req = selected?.request as Record<string, any> | undefined;
  return (
    <div className="split">
      <div className="pane list-pane">
        <SearchBar tab="forwarding" placeholder="Search destination, id or payment method" statuses={['2xx', '4xx', '5xx', 'error']} />
        {entries.length === 0 ? (
          filtered ? (
            <p className="muted pad">No forwarding request matches.</p>
          ) : (
            <EmptyState
              testId="forwarding-empty"
              title="No forwarding requests yet"
              command={`curl ${base}/v1/forwarding/requests -u ${apiKey}: -d payment_method=pm_card_visa -d url=https://api.example.test/v1/cards -d "replacements[]=card_number" -d "request[body]={\\"card\\":{\\"number\\":\\"\\"}}"`}
            intro="Allow a destination with a forwarding config (Controls), then forward a request. It is really sent; what is stored is redacted."
            />
          )
        ) : (
          <ul className="rows" data-testid="forwarding-list">
            {entries.map((e) => (
              <li key={e.id}>
                <button
                  className={selectedId === e.id ? 'list-row selected' : 'list-row'}
                  data-testid="forwarding-row"
                  onClick={() => select(e.id)}
                >
                  <span className="method post">{e.method}</span>
                  <span className="mono ellipsis grow">{e.url}</span>
                  <span className={`badge ${e.status === null ? 'failed' : e.status < 300 ? 'succeeded' : 'warn'}`}>{e.status ?? 'error'}</span>
                  <span className="muted small">{formatWholeMs(e.duration_ms)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pane detail-pane" data-testid="forwarding-detail">
        {selected && req ? (
          <>
            <div className="detail-head">
              <h3 className="mono">{selected.destination_host}</h3>
            </div>
            <dl className="facts">
              <dt>Request</dt>
              <dd className="mono">{selected.id}</dd>
              <dt>Time</dt>
              <dd>{formatTime(selected.created)}</dd>
              <dt>Destination</dt>
              <dd className="mono">{selected.url}</dd>
              <dt>Duration</dt>
              <dd>{formatWholeMs(selected.duration_ms)}</dd>
              <dt>Payment method</dt>
              <dd className="mono">{String(req.payment_method ?? '—')}</dd>
              <dt>Replacements</dt>
              <dd>{Array.isArray(req.replacements) ? req.replacements.join(', ') : '—'}</dd>
            </dl>
            <h4>Request as sent (redacted)</h4>
            <HttpMessage testId="forwarding-request" line={`${req.request_details?.http_method ?? 'POST'} ${selected.url}`} details={req.request_details} />
            <h4>Response</h4>
            <HttpMessage testId="forwarding-response" line={req.response_details ? `HTTP ${req.response_details.status}` : 'No response'} details={req.response_details} />
            <h4>Forwarding config that applied</h4>
            <pre className="code" data-testid="forwarding-config">{selected.config ? prettyJson(selected.config) : 'No config recorded for this destination.'}</pre>
          </>
        ) : (
          <p className="muted pad">Select a forwarding request to see what was sent and what came back.</p>
        )}
      </div>
    </div>
  );
}
