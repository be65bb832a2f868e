import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../stores/store';
import { formatRelative, formatTimeMs } from '../app/format';
import { CopyButton } from './CopyButton';

export function StatusBar() {
  const { info, live, client } = useDashboard(useShallow((s) => ({ info: s.info, live: s.live, client: s.client })));
  const apiUrl = client?.connection.baseUrl ?? '';
  const native = client?.connection.native;
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={live ? 'dot live' : 'dot'} title={live ? 'Live updates connected' : 'Live updates disconnected'} />
      <span className="status-item">
        API <code data-testid="status-api-url">{apiUrl}</code>
        <CopyButton text={apiUrl} label="Copy" />
      </span>
      {info && (
        <span className="status-item">
          Key <code data-testid="status-api-key">{info.api_key}</code>
          <CopyButton text={info.api_key} label="Copy" />
        </span>
      )}
      <span className="spacer" />
      {info && (
        <span className="status-item" data-testid="status-clock" data-now-ms={info.now_ms} title="Sandbox clock (UTC)">
          Sandbox clock <strong>{formatTimeMs(info.now_ms)}</strong>
          {info.next_scheduled_ms !== null && (
            <span className="muted"> · next scheduled {info.next_scheduled_ms <= info.now_ms ? 'now' : formatRelative(info.next_scheduled_ms, info.now_ms)}</span>
          )}
        </span>
      )}
      {native && (
        <button className="button small ghost" onClick={() => void native.revealDatabase()} title={info?.database_path}>
          Show database
        </button>
      )}
    </footer>
  );
}
