import { useEffect } from 'react';
import type { DashboardInfo } from '@shared/dashboard-api';
import { useDashboard } from './store';

const TICK_MS = 1000;
/** Re-reads the engine's clock now and then, so a long-open tab never drifts. */
const RESYNC_MS = 30_000;

/**
 * Keeps `info.now_ms` ticking with sandbox time — the engine's reading plus
 * the real time since it was read — so the footer, the Controls clock and every
 * relative time ("retry in 1m") move on their own. A fresh reading (the live
 * stream refreshes info after any advance, from any tab, the SDK or a control)
 * becomes the new base. Returns the stop function.
 */
export function startSandboxClock(): () => void {
  let base: { sandboxMs: number; localMs: number } | null = null;
  let ours: DashboardInfo | null = null;
  const rebase = (info: DashboardInfo | null) => {
    if (info && info !== ours) base = { sandboxMs: info.now_ms, localMs: performance.now() };
  };
  rebase(useDashboard.getState().info);
  const unsubscribe = useDashboard.subscribe((s) => rebase(s.info));
  const tick = setInterval(() => {
    const { info } = useDashboard.getState();
    if (!info || !base) return;
    ours = { ...info, now_ms: Math.round(base.sandboxMs + performance.now() - base.localMs) };
    useDashboard.setState({ info: ours });
  }, TICK_MS);
  const resync = setInterval(() => {
    const s = useDashboard.getState();
    if (s.client && document.visibilityState === 'visible') void s.refreshInfo().catch(() => undefined);
  }, RESYNC_MS);
  return () => {
    unsubscribe();
    clearInterval(tick);
    clearInterval(resync);
  };
}

/** Runs the sandbox clock while the app is mounted. */
export function useSandboxClock(): void {
  useEffect(() => startSandboxClock(), []);
}
