import type { Db } from '../store/db.js';
import type { BalanceImpact, BalancePoint, BalanceSeries } from '@shared/dashboard-api.js';
import { big, toNumber, type ExactImpact } from '../ledger/exact.js';
import { BOUND } from '../store/statements.js';

const ENTRY = 'treasury.transaction_entry';
const BUILD_SLICE = 2_000;

/**
 * Cumulative balances of one account in one currency, after each of its
 * entries, in entry order. The sums are BigInt, read from SQLite's 64-bit
 * integers: exact at any size and over any history.
 */
interface Track {
  account: string;
  currency: string;
  seqs: number[];
  times: number[];
  cash: bigint[];
  inbound: bigint[];
  outbound: bigint[];
}

type Row = [seq: bigint, account: string, currency: string, cash: bigint | null, inbound: bigint | null, outbound: bigint | null, created: bigint];

/**
 * The running balance after every entry, kept in memory as prefix sums.
 * Entries are append-only and `seq` only grows, so the index is built once
 * with one indexed scan and then extended with the entries written since —
 * a page of the timeline at any depth costs a binary search per row, not a
 * sum over everything newer than it.
 */
export class RunningBalances {
  private tracks = new Map<string, Track>();
  private lastSeq = 0;
  private complete = false;
  private building: Promise<void> | undefined;
  private readonly since;

  constructor(db: Db) {
    this.since = db
      .prepare(
        `SELECT seq, owner, json_extract(data, '$.currency'),
           json_extract(data, '$.balance_impact.cash'),
           json_extract(data, '$.balance_impact.inbound_pending'),
           json_extract(data, '$.balance_impact.outbound_pending'),
           created
         FROM objects WHERE type = '${ENTRY}' AND seq > ? ORDER BY seq LIMIT ${BOUND}`,
      )
      .raw(true)
      .safeIntegers(true);
  }

  /** Forgets everything (the sandbox was reset). */
  clear(): void {
    this.tracks.clear();
    this.lastSeq = 0;
    this.complete = false;
  }

  /** Whether every stored entry is in the index (then `after` is exact at any depth). */
  ready(): boolean {
    return this.complete;
  }

  /**
   * Builds the index in the background, a slice per tick, so a first page is
   * never kept waiting behind a scan of 100,000 entries.
   */
  build(): Promise<void> {
    if (this.complete) return Promise.resolve();
    this.building ??= (async () => {
      try {
        // Start after the current request has answered: the first page must not wait for the first slice.
        await new Promise((r) => setImmediate(r));
        while (this.take(BUILD_SLICE) === BUILD_SLICE) await new Promise((r) => setImmediate(r));
        this.complete = true;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }

  /** Takes in the entries written since the last call (cheap once built: only the new ones). */
  refresh(): void {
    if (this.complete) while (this.take(BUILD_SLICE) === BUILD_SLICE);
  }

  private take(limit: number): number {
    let n = 0;
    for (const row of this.since.iterate(this.lastSeq, limit) as IterableIterator<Row>) {
      const [seq, account, currency, cash, inbound, outbound, created] = row;
      const track = this.track(account, currency);
      const k = track.seqs.length;
      track.seqs.push(Number(seq));
      track.times.push(Number(created));
      track.cash.push((k ? track.cash[k - 1] : 0n) + big(cash));
      track.inbound.push((k ? track.inbound[k - 1] : 0n) + big(inbound));
      track.outbound.push((k ? track.outbound[k - 1] : 0n) + big(outbound));
      this.lastSeq = Number(seq);
      n++;
    }
    return n;
  }

  /** Exact sum of all entries per account and currency (what each balance must equal). */
  totals(): { account: string; currency: string; total: ExactImpact; entries: number }[] {
    return [...this.tracks.values()].map((t) => {
      const i = t.seqs.length - 1;
      return {
        account: t.account,
        currency: t.currency,
        entries: t.seqs.length,
        total: { cash: t.cash[i] ?? 0n, inbound_pending: t.inbound[i] ?? 0n, outbound_pending: t.outbound[i] ?? 0n },
      };
    });
  }

  /** The account's balance in `currency` just after the entry stored at `seq`. */
  after(account: string, currency: string, seq: number): BalanceImpact {
    const track = this.tracks.get(key(account, currency));
    if (!track) return { cash: 0, inbound_pending: 0, outbound_pending: 0 };
    const i = lastAtOrBefore(track.seqs, seq);
    if (i < 0) return { cash: 0, inbound_pending: 0, outbound_pending: 0 };
    return { cash: toNumber(track.cash[i]), inbound_pending: toNumber(track.inbound[i]), outbound_pending: toNumber(track.outbound[i]) };
  }

  /** Balance over time per account and currency, thinned to at most `points` steps each. */
  series(account: string | undefined, points: number): BalanceSeries[] {
    const out: BalanceSeries[] = [];
    for (const t of this.tracks.values()) {
      if (account && t.account !== account) continue;
      out.push({ financial_account: t.account, currency: t.currency, points: thin(t, points) });
    }
    return out;
  }

  private track(account: string, currency: string): Track {
    const k = key(account, currency);
    let t = this.tracks.get(k);
    if (!t) {
      t = { account, currency, seqs: [], times: [], cash: [], inbound: [], outbound: [] };
      this.tracks.set(k, t);
    }
    return t;
  }
}

function key(account: string, currency: string): string {
  return `${account}\u0000${currency}`;
}

/** Index of the last element <= target in an ascending array, or -1. */
function lastAtOrBefore(sorted: number[], target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every step-th point plus the last, so the chart ends where the account is now. */
function thin(t: Track, points: number): BalancePoint[] {
  const n = t.seqs.length;
  const step = Math.max(1, Math.ceil(n / Math.max(2, points)));
  const out: BalancePoint[] = [];
  for (let i = 0; i < n; i += step) out.push(pointAt(t, i));
  if (n > 0 && (n - 1) % step !== 0) out.push(pointAt(t, n - 1));
  return out;
}

function pointAt(t: Track, i: number): BalancePoint {
  return { t: t.times[i], cash: toNumber(t.cash[i]), inbound_pending: toNumber(t.inbound[i]), outbound_pending: toNumber(t.outbound[i]) };
}
