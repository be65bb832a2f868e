import type { AvailableAction } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';

/** The engine decides which actions exist now; the UI only draws them. */
export function ActionButtons({ objectId, actions }: { objectId: string; actions: AvailableAction[] }) {
  const perform = useDashboard((s) => s.performAction);
  return (
    <span className="actions" data-testid="object-actions">
      {actions.map((a) => (
        <button key={a.name} className="button small" data-testid={`action-${a.name}`} title={`${a.method} ${a.path}`} onClick={() => void perform(a, objectId)}>
          {a.label}
        </button>
      ))}
    </span>
  );
}
