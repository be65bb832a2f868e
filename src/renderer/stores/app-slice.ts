import type { DashboardInfo, DemoResult } from '@shared/dashboard-api';
import type { ApiClient } from '../app/api-client';
import type { Slice } from './slice';

export type View = 'timeline' | 'inspector' | 'webhooks' | 'controls' | 'objects' | 'sigma';
export type Theme = 'light' | 'dark' | 'system';

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  /** Fading out; removed a moment later. */
  leaving?: boolean;
}

/** How long a toast stays: errors longer, so there is time to read them, but they go too. */
const NOTICE_MS = { info: 4000, error: 10000 } as const;
const FADE_MS = 400;

export interface AppSlice {
  client: ApiClient | null;
  view: View;
  theme: Theme;
  info: DashboardInfo | null;
  /** Whether the live stream is connected. */
  live: boolean;
  /** `reconnecting` while the server is away; `unauthorized` when it is back but refuses this tab's token. */
  connection: 'connecting' | 'live' | 'reconnecting' | 'unauthorized';
  ready: boolean;
  notices: Notice[];
  init(client: ApiClient): Promise<void>;
  setView(view: View): void;
  setTheme(theme: Theme): void;
  setLive(live: boolean): void;
  setConnection(connection: AppSlice['connection']): void;
  refreshInfo(): Promise<void>;
  notify(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
  /** Runs an engine call, turning a refusal into a visible notice. */
  attempt<T>(work: () => Promise<T>, success?: string): Promise<T | undefined>;
  runDemo(): Promise<DemoResult | undefined>;
}

let noticeSeq = 0;

export const createAppSlice: Slice<AppSlice> = (set, get) => ({
  client: null,
  view: 'timeline',
  theme: (localStorage.getItem('counterfoil-theme') as Theme | null) ?? 'system',
  info: null,
  live: false,
  connection: 'connecting',
  ready: false,
  notices: [],
  async init(client) {
    set({ client });
    // The first timeline page is asked for at once, beside the status bar's info: it is what the user waits for.
    // The ledger check and the chart read every entry, so they follow the first page instead of holding it up.
    get().ensureRange(0, 30);
    await get().attempt(async () => {
      await Promise.all([get().refreshInfo(), get().loadAccounts()]);
    });
    set({ ready: true });
  },
  setView: (view) => set({ view }),
  setTheme(theme) {
    localStorage.setItem('counterfoil-theme', theme);
    set({ theme });
  },
  setLive: (live) => set({ live }),
  setConnection: (connection) => set({ connection }),
  async refreshInfo() {
    const client = get().client;
    if (!client) return;
    const info = await client.dashboard<DashboardInfo>('/dashboard/info');
    client.apiKey = info.api_key;
    set({ info });
  },
  notify(tone, text) {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    setTimeout(() => set((s) => ({ notices: s.notices.map((n) => (n.id === id ? { ...n, leaving: true } : n)) })), NOTICE_MS[tone] - FADE_MS);
    setTimeout(() => get().dismiss(id), NOTICE_MS[tone]);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  async attempt(work, success) {
    try {
      const result = await work();
      if (success) get().notify('info', success);
      return result;
    } catch (err) {
      // A fetch that never reached the server: the connection banner says so once, not a toast per request.
      if (err instanceof TypeError) {
        if (get().connection !== 'reconnecting') get().notify('error', 'Counterfoil is not answering — is the server still running?');
        return undefined;
      }
      get().notify('error', (err as Error).message);
      return undefined;
    }
  },
  async runDemo() {
    const result = await get().attempt(() => get().client!.dashboard<DemoResult>('/dashboard/demo', { method: 'POST', body: {} }));
    if (!result) return undefined;
    const failed = result.steps.filter((s) => !s.ok);
    if (failed.length > 0) {
      get().notify('error', `Demo: ${failed.length} of ${result.steps.length} steps were refused — first: “${failed[0].label}”: ${failed[0].error}`);
    } else {
      get().notify('info', 'Demo loaded: Acme Robotics — two accounts, payroll, ACH credits, a returned payment, reversals, and a webhook endpoint that failed and recovered.');
    }
    await get().attempt(() => Promise.all([get().loadAccounts(), get().refreshTimeline(), get().loadTypes()]));
    return result;
  },
});
