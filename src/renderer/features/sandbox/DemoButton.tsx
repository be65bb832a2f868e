import './sandbox.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoProgress } from '@shared/sandbox-api';
import { ConfirmDialog } from './ConfirmDialog';
import { demoProgress, objectTotal, runDemo } from './sandbox-actions';

const POLL_MS = 400;

/**
 * The header's demo button: asks before it erases a sandbox that holds
 * anything, shows the run's progress (from the engine, so any tab sees it),
 * and cannot start a second run.
 */
export function DemoButton() {
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const [asking, setAsking] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const poll = useCallback(async () => {
    clearTimeout(timer.current);
    const p = await demoProgress().catch(() => null);
    setProgress(p);
    if (p?.state === 'running') timer.current = setTimeout(() => void poll(), POLL_MS);
  }, []);
  useEffect(() => {
    void poll();
    return () => clearTimeout(timer.current);
  }, [poll]);

  const start = async (confirm: boolean) => {
    setAsking(null);
    setProgress((p) => ({ ...(p ?? emptyProgress), state: 'running', chapter: 0, title: 'Starting…' }));
    const run = runDemo(confirm);
    timer.current = setTimeout(() => void poll(), POLL_MS);
    await run;
    await poll();
  };
  const onClick = async () => {
    const total = await objectTotal().catch(() => 0);
    if (total > 0) setAsking(total);
    else void start(false);
  };

  const running = progress?.state === 'running';
  return (
    <>
      <button
        className="button primary demo-button"
        data-testid="demo-scenario"
        data-state={progress?.state ?? 'idle'}
        disabled={running}
        title={running ? (progress?.title ?? 'The demo is running') : 'Run the demo story in a fresh sandbox'}
        onClick={() => void onClick()}
      >
        {running ? (
          <>
            <span className="demo-progress" aria-hidden>
              <span style={{ width: `${Math.round(((progress?.chapter ?? 0) / (progress?.chapters || 1)) * 100)}%` }} />
            </span>
            <span data-testid="demo-progress">
              Demo {Math.min((progress?.chapter ?? 0) + 1, progress?.chapters ?? 1)}/{progress?.chapters ?? '…'}: {progress?.title ?? 'starting'}
            </span>
          </>
        ) : (
          '▶ Demo scenario'
        )}
      </button>
      {asking !== null && (
        <ConfirmDialog
          title="Run the demo in a fresh sandbox?"
          body={`The demo needs an empty sandbox, so it resets this one first: the ${asking} objects here (financial accounts, webhook endpoints, events, deliveries) are erased and the sandbox clock goes back to real time.`}
          confirmLabel="Reset and run the demo"
          onConfirm={() => void start(true)}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  );
}

const emptyProgress: DemoProgress = {
  state: 'idle', chapter: 0, chapters: 6, title: null, steps: 0, refused: [], error: null, started_ms: null, finished_ms: null,
};
