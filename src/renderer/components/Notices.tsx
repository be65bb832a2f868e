import { useDashboard } from '../stores/store';

export function Notices() {
  const notices = useDashboard((s) => s.notices);
  const dismiss = useDashboard((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}${n.leaving ? ' leaving' : ''}`} data-testid={`notice-${n.tone}`} data-notice={n.id}>
          <span>{n.text}</span>
          <button className="button ghost small" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
