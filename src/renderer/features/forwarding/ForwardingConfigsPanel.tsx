import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { ForwardingConfigRow } from './ForwardingConfigRow';

/** The sandbox's forwarding allowlist: every config, editable and deletable. */
export function ForwardingConfigsPanel() {
  const { configs, load } = useDashboard(useShallow((s) => ({ configs: s.forwardingConfigs, load: s.loadForwardingConfigs })));
  useEffect(() => void load(), [load]);
  return (
    <div className="card" data-testid="forwarding-configs">
      <h3>Forwarding destinations</h3>
      {configs.length === 0 ? (
        <p className="muted small">
          None yet. A forwarding request may only go to a URL a config names: create one with the form (Forwarding config).
        </p>
      ) : (
        <ul className="rows">
          {configs.map((c) => (
            <ForwardingConfigRow key={c.id} config={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
