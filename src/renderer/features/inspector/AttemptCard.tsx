import type { DeliveryAttempt } from '@shared/dashboard-api';
import { formatLatency, formatTimeMs, prettyJson } from '../../app/format';
import { ChaosBadges } from '../sandbox-tools/ChaosSettings';

function Headers({ headers }: { headers: Record<string, string> }) {
  return (
    <table className="headers">
      <tbody>
        {Object.entries(headers).map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AttemptCard({ attempt, number }: { attempt: DeliveryAttempt; number: number }) {
  const ok = attempt.response_status !== null && attempt.response_status >= 200 && attempt.response_status < 300;
  return (
    <details className="attempt" data-testid="delivery-attempt" open={number === 1 || !ok}>
      <summary>
        <span className="strong">#{number}</span>
        <span>{formatTimeMs(attempt.at_ms)}</span>
        <span className={`badge ${ok ? 'succeeded' : 'failed'}`} data-testid="attempt-status">
          {attempt.response_status ?? attempt.error ?? 'no response'}
        </span>
        <span className="muted">{formatLatency(attempt.latency_ms)}</span>
        <ChaosBadges chaos={attempt.chaos} />
        <span
          className={`verdict ${attempt.verdict.verified ? 'ok' : 'bad'}`}
          data-testid="signature-verdict"
          data-verified={attempt.verdict.verified}
        >
          {attempt.verdict.verified ? '✓ signature verifies with the endpoint secret' : `✗ signature does not verify: ${attempt.verdict.reason}`}
        </span>
      </summary>
      <div className="attempt-body">
        <h5>Stripe-Signature</h5>
        <pre className="code small" data-testid="attempt-signature">{attempt.signature ?? '(none)'}</pre>
        <h5>Request to {attempt.url}</h5>
        <Headers headers={attempt.request_headers} />
        <pre className="code">{prettyJson(attempt.request_body)}</pre>
        <h5>Response {attempt.response_status ?? ''}</h5>
        {attempt.error && <p className="error-text">{attempt.error}</p>}
        {attempt.response_headers && <Headers headers={attempt.response_headers} />}
        <pre className="code" data-testid="attempt-response-body">{attempt.response_body ? prettyJson(attempt.response_body) : '(empty body)'}</pre>
      </div>
    </details>
  );
}
