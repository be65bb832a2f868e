import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AdvanceReport, ClockState } from '@shared/clock-api';
import { useDashboard } from '../../stores/store';
import { formatRelative, formatTimeMs } from '../../app/format';

const UNITS = { minutes: 60, hours: 3600, days: 86400 } as const;

/** "2 webhook retries · 1 job" for what is waiting. */
function scheduledText(s: ClockState['scheduled']): string {
  const parts = [];
  if (s.webhook_retries) parts.push(`${s.webhook_retries} webhook ${s.webhook_retries === 1 ? 'retry' : 'retries'}`);
  if (s.jobs) parts.push(`${s.jobs} ${s.jobs === 1 ? 'job' : 'jobs'}`);
  return parts.join(' · ');
}

export function ClockPanel() {
  const { info, client, attempt, refreshInfo, notify } = useDashboard(
    useShallow((s) => ({ info: s.info, client: s.client, attempt: s.attempt, refreshInfo: s.refreshInfo, notify: s.notify })),
  );
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<keyof typeof UNITS>('hours');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<AdvanceReport | null>(null);
  const [scheduled, setScheduled] = useState<ClockState['scheduled'] | null>(null);
  const next = info?.next_scheduled_ms ?? null;

  // What is waiting, re-read whenever the next scheduled moment changes (not on every tick).
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.dashboard<ClockState>('/clock').then(
      (c) => live && setScheduled(c.scheduled),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, next]);

  if (!info || !client) return null;

  const advance = (body: { seconds: number } | { to_next: true }) =>
    attempt(async () => {
      setBusy(true);
      try {
        const state = await client.dashboard<ClockState>('/clock/advance', { method: 'POST', body });
        if (state.ran) {
          setLast(state.ran);
          const summary = state.ran.summary.charAt(0).toUpperCase() + state.ran.summary.slice(1);
          notify('info', state.ran.stopped_early ? `${summary} — stopped after ${state.ran.moments} moments; advance again to go on.` : `${summary}.`);
        }
        setScheduled(state.scheduled);
        await refreshInfo();
      } finally {
        setBusy(false);
      }
    });
  return (
    <div className="card" data-testid="clock-panel">
      <h3>Sandbox clock</h3>
      <p className="clock-now" data-testid="clock-now" data-now-ms={info.now_ms}>
        {formatTimeMs(info.now_ms)}
      </p>
      <form
        className="row gap"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(amount);
          if (n > 0) void advance({ seconds: n * UNITS[unit] });
        }}
      >
        <label className="inline">
          Advance by
          <input data-testid="clock-amount" type="number" min="1" step="1" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <select data-testid="clock-unit" value={unit} onChange={(e) => setUnit(e.target.value as keyof typeof UNITS)}>
          {Object.keys(UNITS).map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
        <button className="button" data-testid="clock-advance" type="submit" disabled={busy}>
          {busy ? 'Running…' : 'Advance'}
        </button>
      </form>
      <div className="row gap top-gap">
        <button
          className="button"
          data-testid="clock-next"
          disabled={next === null || busy}
          onClick={() => void advance({ to_next: true })}
        >
          Jump to next scheduled
        </button>
        <span className="muted small" data-testid="clock-next-at" data-next-ms={next ?? ''}>
          {next === null ? 'Nothing scheduled' : `${formatTimeMs(next)} · ${next <= info.now_ms ? 'due now' : formatRelative(next, info.now_ms)}`}
          {next !== null && scheduled && scheduledText(scheduled) && ` · ${scheduledText(scheduled)} waiting`}
        </span>
      </div>
      {last && (
        <p className="small top-gap" data-testid="clock-ran" data-jobs={last.jobs}>
          <span className="strong">Last advance:</span> {last.summary}
          {last.webhook_attempts > 0 && <span className="muted"> · {last.webhook_attempts} webhook {last.webhook_attempts === 1 ? 'attempt' : 'attempts'} sent</span>}
          {last.stopped_early && <span className="error-text"> · stopped early at {formatTimeMs(last.to_ms)}</span>}
        </p>
      )}
    </div>
  );
}
