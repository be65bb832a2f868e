import { useEffect } from 'react';

/** Shown when the page was opened without the launch token (e.g. a bookmarked URL). */
export function NoToken() {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', 'no-token');
  }, []);
  return (
    <main className="no-token" data-testid="no-token">
      <h1>Counterfoil needs its launch token</h1>
      <p>
        Open the exact URL that <code>counterfoil serve</code> printed when it started — it ends in{' '}
        <code>?token=…</code>. The token changes on every launch so that other pages in your browser cannot drive the
        sandbox.
      </p>
    </main>
  );
}
