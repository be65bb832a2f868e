import { useEffect, useState } from 'react';
import { useDashboard } from '../../stores/store';

interface Chaos {
  duplicate?: boolean;
  reorder_window_ms?: number;
  latency_ms?: number;
  stale_timestamp_seconds?: number;
}

interface ChaosView {
  chaos: Chaos;
  rolled_secrets: { expires_ms: number }[];
}

const NUMBERS: { key: keyof Chaos; label: string; hint: string }[] = [
  { key: 'reorder_window_ms', label: 'Out of order within (ms)', hint: 'held, then sent newest first' },
  { key: 'latency_ms', label: 'Added latency (ms)', hint: 'before each attempt' },
  { key: 'stale_timestamp_seconds', label: 'Stale t= (seconds old)', hint: 'SDKs refuse past 300' },
];

/** Delivery chaos and secret rolling for one webhook endpoint, for testing how a receiver copes. */
export function ChaosSettings({ endpointId }: { endpointId: string }) {
  const client = useDashboard((s) => s.client);
  const [view, setView] = useState<ChaosView | null>(null);
  const [draft, setDraft] = useState<Chaos>({});
  const [hours, setHours] = useState(24);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    setSecret(null);
    client
      .dashboard<ChaosView>(`/webhook_endpoints/${endpointId}/chaos`)
      .then((v) => {
        setView(v);
        setDraft(v.chaos);
      })
      .catch((e: Error) => setMessage(e.message));
  }, [client, endpointId]);

  if (!client || !view) return message ? <p className="error-text">{message}</p> : null;
  const save = async () => {
    try {
      const v = await client.dashboard<ChaosView>(`/webhook_endpoints/${endpointId}/chaos`, { method: 'POST', body: draft });
      setView(v);
      setMessage('Saved: new deliveries to this endpoint use it.');
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const roll = async () => {
    try {
      const r = await client.dashboard<ChaosView & { secret: string }>(`/webhook_endpoints/${endpointId}/roll_secret`, {
        method: 'POST',
        body: { expires_in_seconds: hours * 3600 },
      });
      setView(r);
      setSecret(r.secret);
      setMessage(null);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <section className="chaos-settings" data-testid="chaos-settings">
      <h4>Delivery chaos</h4>
      <div className="row gap">
        <label>
          <input
            type="checkbox"
            data-testid="chaos-duplicate"
            checked={draft.duplicate === true}
            onChange={(e) => setDraft({ ...draft, duplicate: e.target.checked || undefined })}
          />{' '}
          Duplicate each delivery
        </label>
        {NUMBERS.map((n) => (
          <label key={n.key} title={n.hint}>
            {n.label}{' '}
            <input
              type="number"
              min={0}
              style={{ width: '7em' }}
              data-testid={`chaos-${n.key}`}
              value={(draft[n.key] as number | undefined) ?? ''}
              onChange={(e) => setDraft({ ...draft, [n.key]: e.target.value === '' ? undefined : Number(e.target.value) })}
            />
          </label>
        ))}
        <button className="button" data-testid="chaos-save" onClick={() => void save()}>
          Save chaos
        </button>
      </div>
      <div className="row gap">
        <button className="button" data-testid="roll-secret" onClick={() => void roll()}>
          Roll secret
        </button>
        <label>
          old secret valid for{' '}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {[0, 1, 12, 24, 72].map((h) => (
              <option key={h} value={h}>
                {h === 0 ? 'no time' : `${h} h`}
              </option>
            ))}
          </select>
        </label>
        {view.rolled_secrets.length > 0 && (
          <span className="muted small">
            {view.rolled_secrets.length} rolled secret(s) still signing (two v1= signatures) until{' '}
            {new Date(view.rolled_secrets[0].expires_ms).toLocaleString()}
          </span>
        )}
      </div>
      {secret && (
        <p className="small">
          New signing secret (shown once): <span className="mono" data-testid="rolled-secret">{secret}</span>
        </p>
      )}
      {message && <p className="muted small">{message}</p>}
    </section>
  );
}

/** The chaos an attempt carried, as badges (the inspector shows these beside the verdict). */
export function ChaosBadges({ chaos }: { chaos?: string[] }) {
  if (!chaos || chaos.length === 0) return null;
  return (
    <>
      {chaos.map((c) => (
        <span key={c} className="badge warn" data-testid="attempt-chaos">
          {c}
        </span>
      ))}
    </>
  );
}
