import { createHash } from 'node:crypto';
import { ID_PREFIXES } from '../../ids.js';
import type { AccountTemplate, HistoryKind } from './institutions.js';

const DAY = 86_400;
/** A card or ACH transaction stays pending this long at the bank, then posts (or is voided). */
export const SETTLE_SECONDS = 36 * 3600;

/** One transaction of a generated history, as the bank knows it. */
export interface BankTransaction {
  /** `day:index`, stable: the same day of the same account always yields the same transactions. */
  key: string;
  amount: number;
  description: string;
  transacted_at: number;
  /** Whether it ends voided instead of posted. */
  voids: boolean;
}

type Spend = [description: string, min: number, max: number];

const CHECKING_SPEND: Spend[] = [
  ['Blue Bottle Coffee', 450, 950],
  ['Whole Foods Market', 3_500, 14_000],
  ['Shell Oil 57442', 3_000, 6_500],
  ['Amazon.com', 1_500, 9_000],
  ['Lyft *Ride', 1_200, 4_000],
  ['Sweetgreen', 1_200, 2_200],
  ['Trader Joe\'s', 2_500, 9_500],
  ['CVS Pharmacy', 800, 4_500],
  ['Venmo payment', 1_000, 6_000],
];
const CARD_SPEND: Spend[] = [
  ['United Airlines', 18_000, 62_000],
  ['Uber Eats', 1_800, 5_500],
  ['Apple.com/bill', 99, 1_499],
  ['Delta Hotels', 16_000, 42_000],
  ['Target', 2_000, 12_000],
  ['Spotify USA', 1_199, 1_199],
  ['Home Depot', 2_500, 24_000],
];

// FNV-1a then mulberry32: a tiny, stable PRNG per (account kind, day).
function seed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function prng(text: string): () => number {
  let a = seed(text);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function spendOf(rand: () => number, list: Spend[]): { description: string; amount: number } {
  const [description, min, max] = list[Math.floor(rand() * list.length)];
  return { description, amount: -(min + Math.floor(rand() * (max - min + 1))) };
}

function dayItems(kind: HistoryKind, day: number, rand: () => number): { description: string; amount: number }[] {
  const dom = new Date(day * DAY * 1000).getUTCDate();
  const out: { description: string; amount: number }[] = [];
  if (kind === 'checking') {
    if (day % 14 === 3) out.push({ description: 'Payroll deposit ROCKET RIDES', amount: 312_500 });
    if (dom === 1) out.push({ description: 'Rent - Parkside Apartments', amount: -210_000 });
    if (dom === 15) out.push({ description: 'PG&E utility bill', amount: -(8_000 + Math.floor(rand() * 7_000)) });
    const n = rand() < 0.25 ? 0 : rand() < 0.6 ? 1 : 2;
    for (let i = 0; i < n; i++) out.push(spendOf(rand, CHECKING_SPEND));
  } else if (kind === 'savings') {
    if (dom === 5) out.push({ description: 'Transfer from checking', amount: 50_000 });
    if (dom === 28) out.push({ description: 'Interest payment', amount: 900 + Math.floor(rand() * 500) });
    if (rand() < 0.03) out.push({ description: 'Transfer to checking', amount: -(20_000 + Math.floor(rand() * 80_000)) });
  } else {
    if (dom === 20) out.push({ description: 'Payment - thank you', amount: 150_000 });
    const n = rand() < 0.4 ? 0 : rand() < 0.7 ? 1 : rand() < 0.9 ? 2 : 3;
    for (let i = 0; i < n; i++) out.push(spendOf(rand, CARD_SPEND));
  }
  return out;
}

/** The bank's transactions of one UTC day (days since the epoch) for an account of this template. */
export function transactionsOfDay(template: AccountTemplate, day: number): BankTransaction[] {
  const rand = prng(`${template.history}:${template.key}:${day}`);
  return dayItems(template.history, day, rand).map((item, i) => ({
    key: `${day}:${i}`,
    ...item,
    // Spread through the bank's working day, 13:00–23:00 UTC (US daytime).
    transacted_at: day * DAY + 13 * 3600 + Math.floor(rand() * 10 * 3600),
    // Card spend is sometimes authorised then released; deposits and bills never are.
    voids: item.amount < 0 && item.amount > -20_000 && rand() < 0.04,
  }));
}

/** The transactions an account's bank shows at `now` for days in [fromDay, now]. */
export function bankHistory(template: AccountTemplate, fromDay: number, now: number): BankTransaction[] {
  const out: BankTransaction[] = [];
  for (let day = fromDay; day <= Math.floor(now / DAY); day++) {
    for (const t of transactionsOfDay(template, day)) if (t.transacted_at <= now) out.push(t);
  }
  return out;
}

/** Where a bank transaction stands at a time: pending, then posted or void once it settles. */
export function statusAt(t: BankTransaction, now: number): { status: 'pending' | 'posted' | 'void'; posted_at: number | null; void_at: number | null } {
  const settles = t.transacted_at + SETTLE_SECONDS;
  if (now < settles) return { status: 'pending', posted_at: null, void_at: null };
  return t.voids ? { status: 'void', posted_at: null, void_at: settles } : { status: 'posted', posted_at: settles, void_at: null };
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A stable transaction id per account and bank transaction, so a later refresh finds the same one. */
export function transactionId(accountId: string, key: string): string {
  const bytes = createHash('sha256').update(`${accountId}:${key}`).digest();
  let tail = '';
  for (let i = 0; i < 23; i++) tail += ALPHABET[bytes[i] % 62];
  return `${ID_PREFIXES['financial_connections.transaction']}_1${tail}`;
}

export const DAY_SECONDS = DAY;
