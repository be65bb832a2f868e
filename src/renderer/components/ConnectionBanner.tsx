import { useDashboard } from '../stores/store';

/** Says plainly when the engine is away and that the page reconnects by itself. */
export function ConnectionBanner() {
  const connection = useDashboard((s) => s.connection);
  if (connection === 'reconnecting') {
    return (
      <div className="banner warn" role="status" data-testid="reconnecting-banner">
        <span className="spinner" aria-hidden /> Counterfoil is not answering — reconnecting… This page picks up where it was as soon as the
        server is back (after a restart of <code>npm start</code> / <code>counterfoil serve</code> too).
      </div>
    );
  }
  if (connection === 'unauthorized') {
    return (
      <div className="banner bad" role="alert" data-testid="token-rejected-banner">
        The server is back but refuses this page's token — it was started with another one. Open the URL it printed (ending in{' '}
        <code>?token=…</code>), or{' '}
        <button
          className="link"
          onClick={() => {
            sessionStorage.removeItem('counterfoil-token');
            window.location.reload();
          }}
        >
          paste the new URL or token
        </button>
        .
      </div>
    );
  }
  return null;
}
