import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { JsonObject } from '@shared/dashboard-api';
import { formatTime } from '../../app/format';
import { useDashboard } from '../../stores/store';

interface Loaded {
  subscriptions: JsonObject[];
  entitlements: JsonObject[];
}

type ListOf = { data: JsonObject[] };

/**
 * A customer's subscriptions (every status) and the active entitlements derived
 * from them, read through the Stripe API as any client would.
 */
export function CustomerPanel({ customer }: { customer: JsonObject }) {
  // The open object's detail is reloaded on every live change: reading it as a dependency re-reads the lists too.
  const { client, openObjectById, detail } = useDashboard(
    useShallow((s) => ({ client: s.client, openObjectById: s.openObjectById, detail: s.openObject })),
  );
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = customer.id;
  const deleted = customer.deleted === true;

  useEffect(() => {
    if (!client || deleted) return;
    let live = true;
    Promise.all([
      client.stripe<ListOf>('GET', '/v1/subscriptions', { customer: id, status: 'all', limit: 100 }),
      client.stripe<ListOf>('GET', '/v1/entitlements/active_entitlements', { customer: id, limit: 100 }),
    ]).then(
      ([subs, ents]) => live && (setLoaded({ subscriptions: subs.data, entitlements: ents.data }), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, id, deleted, detail]);

  if (deleted) return null;
  return (
    <div data-testid="customer-panel">
      <h4>
        Subscriptions <span className="muted">({loaded?.subscriptions.length ?? '…'})</span>
      </h4>
      {error && <p className="muted">{error}</p>}
      {loaded && loaded.subscriptions.length === 0 && <p className="muted">No subscriptions.</p>}
      <ul className="rows" data-testid="customer-subscriptions">
        {loaded?.subscriptions.map((sub) => (
          <li key={sub.id}>
            <button className="list-row" data-testid="customer-subscription" onClick={() => void openObjectById(sub.id)}>
              <span className="mono grow">{sub.id}</span>
              <span className="small">{String(sub.status)}</span>
              <span className="muted small">until {formatTime(Number(sub.current_period_end))}</span>
            </button>
          </li>
        ))}
      </ul>
      <h4>
        Active entitlements <span className="muted">({loaded?.entitlements.length ?? '…'})</span>
      </h4>
      {loaded && loaded.entitlements.length === 0 && <p className="muted">No active entitlements.</p>}
      <ul className="rows" data-testid="customer-entitlements">
        {loaded?.entitlements.map((e) => (
          <li key={e.id}>
            <button className="list-row" data-testid="customer-entitlement" onClick={() => void openObjectById(String(e.feature))}>
              <span className="mono grow">{String(e.lookup_key)}</span>
              <span className="muted small mono">{String(e.feature)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
