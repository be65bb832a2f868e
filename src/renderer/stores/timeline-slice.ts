import type {
  AccountSummary,
  BalanceSeries,
  FlowType,
  LedgerCheck,
  TimelineEntry,
  TimelinePage,
  TransactionStatus,
} from '@shared/dashboard-api';
import type { Slice } from './slice';

export const TIMELINE_PAGE = 100;

export interface TimelineFilter {
  account?: string;
  flow_type?: FlowType;
  status?: TransactionStatus;
  /** Sandbox seconds, inclusive. */
  from?: number;
  to?: number;
}

export interface TimelineSlice {
  filter: TimelineFilter;
  /** Matching entries; null until the first page arrives. */
  total: number | null;
  pages: Record<number, TimelineEntry[]>;
  /** Bumped whenever pages are replaced, so late answers for an old filter are dropped. */
  generation: number;
  visible: [number, number];
  accounts: AccountSummary[];
  ledger: LedgerCheck | null;
  series: BalanceSeries[];
  setFilter(patch: Partial<TimelineFilter>): void;
  ensureRange(start: number, end: number): void;
  refreshTimeline(): Promise<void>;
  loadAccounts(): Promise<void>;
  loadLedger(): Promise<void>;
  runFullLedgerCheck(): Promise<void>;
  loadSeries(): Promise<void>;
}

const inFlight = new Set<string>();
let ledgerRun: Promise<void> | undefined;
let ledgerAgain = false;

function pagesOf(start: number, end: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / TIMELINE_PAGE); p <= Math.floor(Math.max(0, end) / TIMELINE_PAGE); p++) out.push(p);
  return out;
}

export const createTimelineSlice: Slice<TimelineSlice> = (set, get) => {
  const fetchPage = (page: number): Promise<TimelinePage> =>
    get().client!.dashboard<TimelinePage>('/dashboard/timeline', {
      query: { ...get().filter, offset: page * TIMELINE_PAGE, limit: TIMELINE_PAGE },
    });

  return {
    filter: {},
    total: null,
    pages: {},
    generation: 0,
    visible: [0, 30],
    accounts: [],
    ledger: null,
    series: [],
    setFilter(patch) {
      set((s) => ({ filter: { ...s.filter, ...patch }, pages: {}, total: null, generation: s.generation + 1 }));
      void get().refreshTimeline();
      if ('account' in patch) void get().loadSeries();
    },
    ensureRange(start, end) {
      set({ visible: [start, end] });
      const { generation, pages, client } = get();
      if (!client) return;
      for (const page of pagesOf(start, end)) {
        const key = `${generation}:${page}`;
        if (pages[page] || inFlight.has(key)) continue;
        inFlight.add(key);
        fetchPage(page)
          .then((res) => {
            if (get().generation !== generation) return;
            set((s) => ({ pages: { ...s.pages, [page]: res.data }, total: res.total }));
            if (!get().ledger) void get().attempt(() => Promise.all([get().loadLedger(), get().loadSeries()]));
          })
          .catch((err: Error) => get().notify('error', err.message))
          .finally(() => inFlight.delete(key));
      }
    },
    async refreshTimeline() {
      const generation = get().generation + 1;
      set({ generation });
      const [start, end] = get().visible;
      const wanted = [...new Set([0, ...pagesOf(start, end)])];
      const results = await get().attempt(() => Promise.all(wanted.map(fetchPage)));
      if (!results || get().generation !== generation) return;
      const pages: Record<number, TimelineEntry[]> = {};
      wanted.forEach((p, i) => (pages[p] = results[i].data));
      set({ pages, total: results[0].total });
    },
    async loadAccounts() {
      const accounts = await get().client!.dashboard<{ data: AccountSummary[] }>('/dashboard/accounts');
      set({ accounts: accounts.data });
      // The chart needs every entry read once; it follows the first rows instead of holding them up.
      if (get().total !== null) void get().attempt(() => get().loadSeries());
    },
    loadLedger() {
      // One check at a time; changes arriving meanwhile cause exactly one more.
      if (ledgerRun) {
        ledgerAgain = true;
        return ledgerRun;
      }
      ledgerRun = (async () => {
        try {
          do {
            ledgerAgain = false;
            set({ ledger: await get().client!.dashboard<LedgerCheck>('/dashboard/ledger') });
          } while (ledgerAgain);
        } finally {
          ledgerRun = undefined;
        }
      })();
      return ledgerRun;
    },
    async runFullLedgerCheck() {
      const ledger = await get().attempt(() => get().client!.dashboard<LedgerCheck>('/dashboard/ledger/full', { method: 'POST', body: {} }));
      if (ledger) set({ ledger });
    },
    async loadSeries() {
      const account = get().filter.account;
      const res = await get().client!.dashboard<{ data: BalanceSeries[] }>('/dashboard/balances', {
        query: { account, points: 160 },
      });
      set({ series: res.data });
    },
  };
};
