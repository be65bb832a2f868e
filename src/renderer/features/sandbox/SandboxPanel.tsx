import './sandbox.css';
import { useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { objectTotal, resetSandbox } from './sandbox-actions';

/** The Controls view's reset: everything goes, after a confirmation that says so. */
export function SandboxPanel() {
  const [asking, setAsking] = useState<number | null>(null);
  return (
    <div className="card" data-testid="sandbox-panel">
      <h3>Sandbox</h3>
      <p className="muted small">Start over: an empty sandbox on real time, the same API key and dashboard token.</p>
      <button className="button danger" data-testid="sandbox-reset" onClick={() => void objectTotal().then(setAsking, () => setAsking(0))}>
        Reset sandbox…
      </button>
      {asking !== null && (
        <ConfirmDialog
          title="Reset the sandbox?"
          body={`This erases ${asking === 1 ? 'the 1 object' : `all ${asking} objects`} here — financial accounts and their money movements, webhook endpoints, events, deliveries, scheduled jobs and the request log — and puts the sandbox clock back on real time. It cannot be undone.`}
          confirmLabel="Erase everything"
          onConfirm={() => {
            setAsking(null);
            void resetSandbox();
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
