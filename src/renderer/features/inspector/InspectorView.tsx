import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import type { InspectorTab } from '../../stores/inspector-slice';
import { RequestsTab } from './RequestsTab';
import { DeliveriesTab } from './DeliveriesTab';
import { ForwardingTab } from './ForwardingTab';

const TABS: { tab: InspectorTab; label: string }[] = [
  { tab: 'requests', label: 'API requests' },
  { tab: 'deliveries', label: 'Webhook deliveries' },
  { tab: 'forwarding', label: 'Forwarding requests' },
];

export function InspectorView() {
  const { tab, setTab, load } = useDashboard(
    useShallow((s) => ({ tab: s.inspectorTab, setTab: s.setInspectorTab, load: s.loadInspector })),
  );
  useEffect(() => {
    void load(tab);
  }, [tab, load]);
  return (
    <section className="inspector">
      <div className="subtabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.tab}
            role="tab"
            aria-selected={tab === t.tab}
            className={tab === t.tab ? 'subtab active' : 'subtab'}
            data-testid={`inspector-tab-${t.tab}`}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'requests' && <RequestsTab />}
      {tab === 'deliveries' && <DeliveriesTab />}
      {tab === 'forwarding' && <ForwardingTab />}
    </section>
  );
}
