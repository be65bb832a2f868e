import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import type { InspectorTab } from '../../stores/inspector-slice';

/** The search box and status filter each inspector tab has; typing is debounced. */
export function SearchBar({ tab, placeholder, statuses }: { tab: InspectorTab; placeholder: string; statuses: string[] }) {
  const { filter, setFilter } = useDashboard(
    useShallow((s) => ({ filter: s.inspectorFilter[tab], setFilter: s.setInspectorFilter })),
  );
  const [q, setQ] = useState(filter.q);
  useEffect(() => {
    if (q === filter.q) return;
    const t = setTimeout(() => setFilter(tab, { q }), 200);
    return () => clearTimeout(t);
  }, [q, filter.q, tab, setFilter]);
  return (
    <div className="filters">
      <input
        type="search"
        data-search
        data-testid={`${tab}-search`}
        placeholder={placeholder}
        title="Press / to search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <select data-testid={`${tab}-status`} value={filter.status} onChange={(e) => setFilter(tab, { status: e.target.value })}>
        <option value="">Any status</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}
