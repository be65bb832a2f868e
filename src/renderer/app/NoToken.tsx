import { useEffect, useState } from 'react';
import { readTokenInput } from './token-input';

/** Shown when the page was opened without the launch token (e.g. a bookmarked URL). */
export function NoToken() {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', 'no-token');
  }, []);
  const submit = () => {
    const read = readTokenInput(text);
    if (!read) return setError('That is neither the dashboard URL (…/?token=…) nor a token.');
    if (read.origin && read.origin !== window.location.origin) {
      window.location.href = `${read.origin}/?token=${encodeURIComponent(read.token)}${window.location.hash}`;
      return;
    }
    sessionStorage.setItem('counterfoil-token', read.token);
    window.location.reload();
  };
  return (
    <main className="no-token" data-testid="no-token">
      <h1>Counterfoil needs its dashboard token</h1>
      <p>
        When Counterfoil starts (<code>npm start</code>, or <code>counterfoil serve</code>), it prints a line like
      </p>
      <pre className="code">Counterfoil listening on http://127.0.0.1:12111 (db …) — dashboard: http://127.0.0.1:12111/?token=…</pre>
      <p>
        Open the URL after <strong>dashboard:</strong>, or paste it (or only the token) here. The token keeps other pages in your browser
        from driving the sandbox; it stays the same across restarts of the same data directory.
      </p>
      <form
        className="row gap"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          className="grow mono"
          data-testid="token-input"
          placeholder="http://127.0.0.1:12111/?token=…  or the token"
          value={text}
          autoFocus
          onChange={(e) => {
            setText(e.target.value);
            setError('');
          }}
        />
        <button className="button primary" type="submit" data-testid="token-submit">
          Open dashboard
        </button>
      </form>
      {error && (
        <p className="error-text" data-testid="token-error">
          {error}
        </p>
      )}
    </main>
  );
}
