import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatTime, humanize } from '../../app/format';
import { ObjectDetailPane } from './ObjectDetailPane';

export function ObjectsView() {
  const { types, objectType, setObjectType, objectQuery, setObjectQuery, list, total, open, openObjectById, loadObjects } = useDashboard(
    useShallow((s) => ({
      types: s.types,
      objectType: s.objectType,
      setObjectType: s.setObjectType,
      objectQuery: s.objectQuery,
      setObjectQuery: s.setObjectQuery,
      list: s.objectList,
      total: s.objectTotal,
      open: s.openObject,
      openObjectById: s.openObjectById,
      loadObjects: s.loadObjects,
    })),
  );
  const [q, setQ] = useState(objectQuery);
  useEffect(() => {
    void loadObjects();
    void useDashboard.getState().attempt(() => useDashboard.getState().loadTypes());
  }, [loadObjects]);
  useEffect(() => {
    if (q === objectQuery) return;
    const t = setTimeout(() => setObjectQuery(q), 200);
    return () => clearTimeout(t);
  }, [q, objectQuery, setObjectQuery]);

  return (
    <section className="objects">
      <nav className="type-list" data-testid="object-types" aria-label="Object types">
        <button className={objectType === null ? 'type-item active' : 'type-item'} onClick={() => setObjectType(null)}>
          All types <span className="muted">{types.reduce((n, t) => n + t.count, 0)}</span>
        </button>
        {types.map((t) => (
          <button key={t.type} className={objectType === t.type ? 'type-item active' : 'type-item'} data-testid={`object-type-${t.type}`} onClick={() => setObjectType(t.type)}>
            {humanize(t.type)} <span className="muted">{t.count}</span>
          </button>
        ))}
      </nav>
      <div className="pane list-pane">
        <div className="filters">
          <input type="search" data-search data-testid="objects-search" placeholder="Search by id or id prefix" value={q} onChange={(e) => setQ(e.target.value)} />
          <span className="muted small">{total.toLocaleString()}</span>
        </div>
        {list.length === 0 ? (
          <p className="muted pad" data-testid="objects-empty">
            {types.length === 0 ? 'The sandbox is empty. Use the Controls view or the demo scenario to create objects.' : 'No object matches.'}
          </p>
        ) : (
          <>
            {total > list.length && (
              <p className="muted small">
                The newest {list.length} of {total.toLocaleString()} — search by id to find any other.
              </p>
            )}
            <ul className="rows" data-testid="objects-list">
              {list.map((o) => (
                <li key={o.id}>
                  <button className={open?.object.id === o.id ? 'list-row selected' : 'list-row'} data-testid="object-row" data-object={o.id} onClick={() => void openObjectById(o.id)}>
                    <span className="grow ellipsis">
                      {typeof o.nickname === 'string' && o.nickname && <strong data-testid="object-nickname">{o.nickname} </strong>}
                      <span className="mono">{o.id}</span>
                      <small className="muted block">
                        {o.object === 'event' ? String(o.type) : humanize(o.object)}
                        {o.created ? ` · ${formatTime(o.created)}` : ''}
                      </small>
                    </span>
                    {typeof o.status === 'string' && <span className={`badge ${o.status}`}>{o.status}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <ObjectDetailPane />
    </section>
  );
}
