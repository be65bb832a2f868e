import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatLatency, formatTimeMs, prettyJson } from '../../app/format';
import { CopyButton } from '../../components/CopyButton';
import { HeaderTable } from '../../components/HeaderTable';
import { toCurl } from './curl';

export function statusTone(status: number): string {
  return status >= 500 ? 'failed' : status >= 400 ? 'warn' : 'succeeded';
}

/** Masks the log writes in place of card numbers, CVCs and credentials. */
const REDACTED = /\*{3,}|\[redacted\]/;

export function RequestDetailPane() {
  const { selected, client, apiKey } = useDashboard(
    useShallow((s) => ({ selected: s.selectedRequest, client: s.client, apiKey: s.info?.api_key ?? '' })),
  );
  if (!selected) return <p className="muted pad">Select a request to see its headers, params and response.</p>;
  const base = client?.connection.baseUrl ?? '';
  const redacted = REDACTED.test(JSON.stringify(selected.params ?? null));
  return (
    <>
      <div className="detail-head">
        <h3 className="request-path">
          <span className={`method ${selected.method.toLowerCase()}`}>{selected.method}</span>{' '}
          <span className="mono" data-testid="request-path">
            {selected.path}
          </span>
        </h3>
        <CopyButton
          testId="copy-curl"
          label={redacted ? 'Copy as curl (redacted)' : 'Copy as curl'}
          text={toCurl({ baseUrl: base, apiKey, method: selected.method, path: selected.path, params: selected.params, idempotencyKey: selected.idempotency_key })}
        />
      </div>
      {redacted && (
        <p className="warn-text small" data-testid="curl-redacted-warning">
          ⚠ This request's log has redacted values (card numbers, CVCs, account numbers or credentials show as ****). The copied curl carries
          the masks, not the originals: put real test values back before running it.
        </p>
      )}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`badge ${statusTone(selected.status)}`}>{selected.status}</span>
          {selected.replayed && (
            <span className="tag replay" data-testid="request-replayed">
              idempotent replay
            </span>
          )}
        </dd>
        <dt>Request id</dt>
        <dd className="mono">{selected.id}</dd>
        <dt>Time</dt>
        <dd>{formatTimeMs(selected.at_ms)}</dd>
        <dt title="From the request reaching the engine to its answer; a write's answer then waits for its commit">Handled in</dt>
        <dd>{formatLatency(selected.latency_ms)}</dd>
        <dt>Idempotency key</dt>
        <dd className="mono">{selected.idempotency_key ?? '—'}</dd>
      </dl>
      <div className="exchange">
        <section>
          <h4>Request headers</h4>
          {selected.request_headers ? <HeaderTable headers={selected.request_headers} testId="request-headers" /> : <p className="muted">Not recorded.</p>}
          <h4>Params</h4>
          <pre className="code" data-testid="request-params">
            {prettyJson(selected.params)}
          </pre>
        </section>
        <section>
          <h4>Response headers</h4>
          {selected.response_headers ? <HeaderTable headers={selected.response_headers} testId="response-headers" /> : <p className="muted">Not recorded.</p>}
          <h4>Response body</h4>
          <pre className="code" data-testid="request-response">
            {prettyJson(selected.response)}
          </pre>
        </section>
      </div>
    </>
  );
}
