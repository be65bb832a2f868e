import { useCallback, useEffect, useState } from 'react';
import { useDashboard } from '../../stores/store';

interface Snapshot {
  name: string;
  size_bytes: number;
  saved_ms: number;
}

interface Diff {
  created: unknown[];
  changed: unknown[];
  removed: unknown[];
}

/** Save the sandbox as a named snapshot, load one back (replacing everything), see what changed since. */
export function SnapshotsPanel() {
  const client = useDashboard((s) => s.client);
  const attempt = useDashboard((s) => s.attempt);
  const [list, setList] = useState<Snapshot[] | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [name, setName] = useState('demo');
  const [diffs, setDiffs] = useState<Record<string, string>>({});

  const reload = useCallback(async () => {
    if (!client) return;
    try {
      setList((await client.dashboard<{ data: Snapshot[] }>('/snapshots')).data);
    } catch (e) {
      setUnavailable((e as Error).message);
    }
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (!client) return null;
  const save = async () => {
    await attempt(() => client.dashboard('/snapshots', { method: 'POST', body: { name } }), `Saved snapshot ${name}`);
    await reload();
  };
  const load = async (snap: string) => {
    if (!window.confirm(`Load snapshot ${snap}? It replaces everything in this sandbox.`)) return;
    await attempt(() => client.dashboard(`/snapshots/${encodeURIComponent(snap)}/load`, { method: 'POST', body: {} }), `Loaded snapshot ${snap}`);
  };
  const diff = async (snap: string) => {
    const d = await attempt(() => client.dashboard<Diff>('/snapshots/diff', { query: { from: snap, to: 'current' } }));
    if (d) setDiffs({ ...diffs, [snap]: `since then: ${d.created.length} created, ${d.changed.length} changed, ${d.removed.length} removed` });
  };
  return (
    <div className="card" data-testid="snapshots-panel">
      <h3>Snapshots</h3>
      {unavailable ? (
        <p className="muted small">{unavailable}</p>
      ) : (
        <>
          <div className="row gap">
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="snapshot-name" aria-label="Snapshot name" />
            <button className="button" data-testid="snapshot-save" onClick={() => void save()}>
              Save
            </button>
          </div>
          <ul className="rows">
            {(list ?? []).map((s) => (
              <li key={s.name} className="row gap" data-testid="snapshot-row">
                <span className="mono grow">{s.name}</span>
                <span className="muted small">{new Date(s.saved_ms).toLocaleString()}</span>
                <button className="button" onClick={() => void diff(s.name)}>
                  Diff
                </button>
                <button className="button" onClick={() => void load(s.name)}>
                  Load
                </button>
                {diffs[s.name] && <span className="muted small">{diffs[s.name]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
