import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { startReceiver } from '../../support/receiver.js';

const TOKEN = 'crash-token';
const WORKERS = 6;

export interface CrashReport {
  cycles: number;
  /** Keyed writes sent (each an idempotency key, retried until answered). */
  keys: number;
  /** Requests the kill cut off (no answer), sent again with the same key after the restart. */
  cutOff: number;
  /** Answered keys sent again after a restart: each must replay the same object. */
  replaysChecked: number;
  objectsLost: number;
  duplicateObjects: number;
  /** Keys whose replay named another object than the first answer. */
  replayMismatches: number;
  ledgerOk: boolean;
  events: number;
  eventsUndelivered: number;
  /** Deliveries the receiver got more than once (attempts a kill cut off after the receiver answered). */
  deliveriesResent: number;
  /** Attempts recorded as of unknown outcome at a restart. */
  outcomeUnknownAttempts: number;
  ms: number;
}

interface Server {
  child: ChildProcess;
  url: string;
  stripe: Stripe;
}

function start(dbPath: string): Promise<Server> {
  const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', '0', '--db', dbPath, '--webhook-retries', '1,1,1,1,1,1,1,1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COUNTERFOIL_TOKEN: TOKEN },
  });
  child.stderr!.resume();
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url: m[1], stripe: new Stripe('sk_test_crash', { host: '127.0.0.1', port: Number(m[2]), protocol: 'http', maxNetworkRetries: 0 }) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function control<T>(server: Server, method: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}/_counterfoil${path}`, { method, headers: { 'x-counterfoil-token': TOKEN } });
  return (await res.json()) as T;
}

async function listAll<T extends { id: string }>(page: (after?: string) => Promise<Stripe.ApiList<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await page(after);
    out.push(...p.data);
    if (!p.has_more) return out;
    after = p.data[p.data.length - 1].id;
  }
}

/**
 * Runs the real headless server on a database file, puts it under keyed SDK
 * writes (received credits: objects, ledger entries and events), kills it
 * with SIGKILL at a random moment, restarts it on the same file and sends
 * again every write that got no answer, `cycles` times; then checks that no
 * write was lost or done twice, the ledger balances, and every event reached
 * the webhook endpoint.
 */
export async function runCrash(options: { cycles: number; seed: number }): Promise<CrashReport> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-crash-'));
  const dbPath = join(dir, 'crash.db');
  const receiver = await startReceiver();
  let rand = options.seed >>> 0;
  const random = () => ((rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const report: CrashReport = {
    cycles: options.cycles,
    keys: 0,
    cutOff: 0,
    replaysChecked: 0,
    objectsLost: 0,
    duplicateObjects: 0,
    replayMismatches: 0,
    ledgerOk: false,
    events: 0,
    eventsUndelivered: 0,
    deliveriesResent: 0,
    outcomeUnknownAttempts: 0,
    ms: 0,
  };
  const answered = new Map<string, string>();
  const unanswered = new Set<string>();
  let server = await start(dbPath);
  try {
    await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const fa = await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
    const write = async (s: Server, key: string) => {
      const n = Number(key.split('-').pop());
      const rc = await s.stripe.testHelpers.treasury.receivedCredits.create(
        { financial_account: fa.id, amount: 100 + n, currency: 'usd', network: 'ach' },
        { idempotencyKey: key },
      );
      return rc.id;
    };
    let next = 0;
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      // Writes the last kill cut off go again first, with the same key.
      for (const key of [...unanswered]) {
        answered.set(key, await write(server, key));
        unanswered.delete(key);
      }
      // A few answered keys again: each must replay its first object.
      for (const key of [...answered.keys()].slice(-3)) {
        report.replaysChecked++;
        if ((await write(server, key)) !== answered.get(key)) report.replayMismatches++;
      }
      let killed = false;
      const load = Array.from({ length: WORKERS }, async () => {
        while (!killed) {
          const key = `crash-${options.seed}-${next++}`;
          report.keys++;
          try {
            answered.set(key, await write(server, key));
          } catch {
            unanswered.add(key);
            report.cutOff++;
            return;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 200 + random() * 600));
      killed = true;
      await kill9(server.child);
      await Promise.all(load);
      server = await start(dbPath);
    }
    for (const key of [...unanswered]) {
      answered.set(key, await write(server, key));
      unanswered.delete(key);
    }

    const credits = await listAll((after) =>
      server.stripe.treasury.receivedCredits.list({ financial_account: fa.id, limit: 100, ...(after ? { starting_after: after } : {}) }),
    );
    const ids = new Set(credits.map((c) => c.id));
    report.duplicateObjects = credits.length - new Set([...answered.values()]).size;
    report.objectsLost = [...answered.values()].filter((id) => !ids.has(id)).length;
    report.ledgerOk = (await control<{ ok: boolean }>(server, 'GET', '/ledger/check')).ok;

    const events = await listAll((after) => server.stripe.events.list({ limit: 100, ...(after ? { starting_after: after } : {}) }));
    report.events = events.length;
    const deadline = Date.now() + 30_000;
    const deliveredIds = () => receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    // One set of what arrived per look: the receiver shares this process, and a look that
    // parsed every body once per event would hold it (and time out the deliveries) for seconds.
    const missingNow = () => {
      const got = new Set(deliveredIds());
      return events.filter((e) => !got.has(e.id)).length;
    };
    let missing = missingNow();
    while (missing > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      missing = missingNow();
    }
    report.eventsUndelivered = missing;
    const all = deliveredIds();
    report.deliveriesResent = all.length - new Set(all).size;
  } finally {
    await kill9(server.child);
    if (existsSync(dbPath)) {
      const db = new Database(dbPath, { readonly: true });
      report.outcomeUnknownAttempts = (db.prepare('SELECT count(*) AS n FROM delivery_attempts WHERE outcome_unknown = 1').get() as { n: number }).n;
      db.close();
    }
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.ms = Date.now() - started;
  return report;
}
