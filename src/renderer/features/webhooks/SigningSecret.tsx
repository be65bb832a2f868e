import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { CopyButton } from '../../components/CopyButton';

/** The endpoint's signing secret, hidden until revealed, as Stripe's dashboard shows it. */
export function SigningSecret({ endpointId }: { endpointId: string }) {
  const { secret, reveal } = useDashboard(useShallow((s) => ({ secret: s.secrets[endpointId], reveal: s.revealSecret })));
  const hide = () =>
    useDashboard.setState((st) => ({ secrets: Object.fromEntries(Object.entries(st.secrets).filter(([k]) => k !== endpointId)) }));
  return (
    <div className="secret" data-testid="signing-secret">
      <span className="muted small">Signing secret</span>
      <code className="mono" data-testid="signing-secret-value">
        {secret ?? 'whsec_••••••••••••••••••••••••'}
      </code>
      {secret ? (
        <>
          <CopyButton text={secret} label="Copy" testId="signing-secret-copy" />
          <button className="button small ghost" onClick={hide}>
            Hide
          </button>
        </>
      ) : (
        <button className="button small" data-testid="signing-secret-reveal" onClick={() => void reveal(endpointId)}>
          Reveal
        </button>
      )}
      <p className="muted small">
        Pass it to <code>stripe.webhooks.constructEvent(body, signature, secret)</code>. The API returns it only once, when the endpoint is
        created; this dashboard keeps showing it.
      </p>
    </div>
  );
}
