import { useEffect } from 'react';
import { useDashboard } from '../../stores/store';
import { ClockPanel } from './ClockPanel';
import { CreatePanel } from './CreatePanel';
import { ActionableList } from './ActionableList';
import { SandboxPanel } from '../sandbox/SandboxPanel';
import { ForwardingConfigsPanel } from '../forwarding/ForwardingConfigsPanel';

export function ControlsView() {
  const loadActionable = useDashboard((s) => s.loadActionable);
  useEffect(() => {
    void loadActionable();
  }, [loadActionable]);
  return (
    <section className="controls">
      <div className="controls-side">
        <ClockPanel />
        <CreatePanel />
        <ForwardingConfigsPanel />
        <SandboxPanel />
      </div>
      <ActionableList />
    </section>
  );
}
