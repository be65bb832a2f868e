import { useEffect } from 'react';
import { useDashboard } from '../../stores/store';
import { ClockPanel } from './ClockPanel';
import { CreatePanel } from './CreatePanel';
import { ActionableList } from './ActionableList';
import { SandboxPanel } from '../sandbox/SandboxPanel';

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
        <SandboxPanel />
      </div>
      <ActionableList />
    </section>
  );
}
