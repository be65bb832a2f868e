import type { DemoResult, ObjectTypeCount } from '@shared/dashboard-api';
import type { DemoProgress, ResetResult } from '@shared/sandbox-api';
import { useDashboard } from '../../stores/store';

/** How many objects the sandbox holds (the demo and a reset ask before erasing them). */
export async function objectTotal(): Promise<number> {
  const client = useDashboard.getState().client;
  if (!client) return 0;
  const types = await client.dashboard<{ data: ObjectTypeCount[] }>('/dashboard/types');
  return types.data.reduce((n, t) => n + t.count, 0);
}

export async function demoProgress(): Promise<DemoProgress | null> {
  const client = useDashboard.getState().client;
  return client ? client.dashboard<DemoProgress>('/dashboard/demo') : null;
}

/** Reloads every view after the sandbox's contents were replaced. */
async function reloadAll(): Promise<void> {
  const s = useDashboard.getState();
  await s.attempt(() => Promise.all([s.loadAccounts(), s.refreshTimeline(), s.loadTypes(), s.refreshInfo()]));
}

/** Runs the demo (in a fresh sandbox: `confirm` resets a non-empty one first) and reports how it went. */
export async function runDemo(confirm: boolean): Promise<DemoResult | undefined> {
  const s = useDashboard.getState();
  const result = await s.attempt(() => s.client!.dashboard<DemoResult>('/dashboard/demo', { method: 'POST', body: { confirm } }));
  if (!result) return undefined;
  const failed = result.steps.filter((step) => !step.ok);
  if (failed.length > 0) {
    s.notify('error', `Demo: ${failed.length} of ${result.steps.length} steps were refused — first: “${failed[0].label}”: ${failed[0].error}`);
  } else {
    s.notify('info', 'Demo loaded in a fresh sandbox: Acme Robotics — two accounts, payroll, ACH credits, a returned payment, reversals, and a webhook endpoint that failed and recovered.');
  }
  await reloadAll();
  return result;
}

/** `POST /sandbox/reset` with its confirmation. */
export async function resetSandbox(): Promise<ResetResult | undefined> {
  const s = useDashboard.getState();
  const result = await s.attempt(() => s.client!.dashboard<ResetResult>('/sandbox/reset', { method: 'POST', body: { confirm: true } }));
  if (result) {
    s.notify('info', `Sandbox reset: ${result.objects_removed} objects removed; the clock is back on real time.`);
    await reloadAll();
  }
  return result;
}
