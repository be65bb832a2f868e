import type { DeliveryAttempt } from '@shared/dashboard-api';
import { formatRelative, formatTime, prettyJson } from '../../app/format';
import { HeaderTable } from '../../components/HeaderTable';

/** The signature check, said as what it proves, and what `t=` is measured against. */
function Verdict({ attempt }: { attempt: DeliveryAttempt }) {
  const v = attempt.verdict;
  if (!v.verified) {
    return (
      <p className="verdict bad" data-testid="signature-verdict" data-verified="false">
        ✗ Does not verify with this endpoint's secret: {v.reason}
      </p>
    );
  }
  const wallMs = v.timestamp * 1000;
  // How far the sandbox clock was from the wall clock when this attempt was sent.
  const nowMs = attempt.at_ms;
  return (
    <div className="verdict ok" data-testid="signature-verdict" data-verified="true">
      <p>✓ Signed with this endpoint's secret; a receiver using it verifies.</p>
      <p className="muted small" data-testid="signature-time">
        <code>t={v.timestamp}</code> is {formatTime(v.timestamp)} on the wall clock — signatures use the wall clock, not the sandbox clock
        {Math.abs(nowMs - wallMs) > 60_000 ? ` (which is ${formatRelative(nowMs, wallMs).replace(/^in /, '').replace(/ ago$/, '')} ${nowMs > wallMs ? 'ahead' : 'behind'})` : ''}, so
        receivers' 5-minute tolerance holds whatever the sandbox clock says.
      </p>
    </div>
  );
}

/** One attempt's request and response, side by side. */
export function AttemptExchange({ attempt }: { attempt: DeliveryAttempt }) {
  return (
    <div className="exchange" data-testid="attempt-exchange">
      <section data-testid="attempt-request">
        <h5>
          Request <span className="mono muted">POST {attempt.url}</span>
        </h5>
        <Verdict attempt={attempt} />
        <pre className="code small" data-testid="attempt-signature">
          {attempt.signature ?? '(no Stripe-Signature header)'}
        </pre>
        <HeaderTable headers={attempt.request_headers} />
        <p className="muted small">Body: the event below ({attempt.request_body.length.toLocaleString()} bytes).</p>
      </section>
      <section data-testid="attempt-response">
        <h5>Response {attempt.response_status ?? ''}</h5>
        {attempt.error && <p className="error-text">{attempt.error}</p>}
        {attempt.response_headers && <HeaderTable headers={attempt.response_headers} />}
        <pre className="code" data-testid="attempt-response-body">
          {attempt.response_body ? prettyJson(attempt.response_body) : '(empty body)'}
        </pre>
      </section>
    </div>
  );
}
