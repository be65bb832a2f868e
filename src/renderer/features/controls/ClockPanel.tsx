import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatRelative, formatTimeMs } from '../../app/format';

const UNITS = { minutes: 60, hours: 3600, days: 86400 } as const;

export function ClockPanel() {
  const { info, client, attempt, refreshInfo } = useDashboard(
    useShallow((s) => ({ info: s.info, client: s.client, attempt: s.attempt, refreshInfo: s.refreshInfo })),
  );
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<keyof typeof UNITS>('hours');
  if (!info || !client) return null;

  const advance = (body: { seconds: number } | { to_next: true }) =>
    attempt(async () => {
      await client.dashboard('/clock/advance', { method: 'POST', body });
      await refreshInfo();
    });
  const next = info.next_scheduled_ms;
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
        <button className="button" data-testid="clock-advance" type="submit">
          Advance
        </button>
      </form>
      <div className="row gap top-gap">
        <button
          className="button"
          data-testid="clock-next"
          disabled={next === null}
          onClick={() => void advance({ to_next: true })}
        >
          Jump to next scheduled
        </button>
        <span className="muted small">
          {next === null ? 'Nothing scheduled' : `${formatTimeMs(next)} · ${formatRelative(next, info.now_ms)}`}
        </span>
      </div>
    </div>
  );
}
