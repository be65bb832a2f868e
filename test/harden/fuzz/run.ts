import type { Db } from '../../../src/engine/store/db.js';
import { MODULES } from '../../../src/engine/resources/index.js';
import { operationSpec } from '../../../src/engine/spec.js';
import { rawHttp, type RawAnswer } from '../../support/raw-http.js';
import { startServer } from '../../support/server.js';
import { KnownIds, extraRequest, requestFor, type FuzzRequest } from './generate.js';
import { Rand } from './random.js';

export interface FuzzFailure {
  problem: string;
  request: FuzzRequest;
  status: number | null;
  body: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  operations: number;
  /** Operations served that the description does not describe (validated against nothing). */
  undescribed: string[];
  byStatus: Record<string, number>;
  byMutation: Record<string, number>;
  fiveXX: number;
  withoutEnvelope: number;
  withoutRequestId: number;
  refusedThatWrote: number;
  ledgerOk: boolean;
  ms: number;
  /** Why valid-looking requests were refused, most common first (how deep the fuzz gets). */
  validRefusals: Record<string, number>;
  failures: FuzzFailure[];
}

// What a refused request may still write: its log line, its idempotency record, and the
// webhook queue's own bookkeeping for earlier successes. Everything else must stay untouched.
const UNCOUNTED = new Set(['request_log', 'idempotency_keys', 'schema_migrations', 'sqlite_sequence', 'meta', 'deliveries', 'delivery_attempts', 'delivery_attempts_in_flight']);

/** Counts every row written to the sandbox's state tables, through temporary triggers on this connection. */
function writeCounter(db: Db): () => number {
  db.exec('CREATE TEMP TABLE fuzz_writes (n INTEGER NOT NULL); INSERT INTO fuzz_writes VALUES (0);');
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !UNCOUNTED.has(n));
  for (const t of tables) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER fuzz_${t}_${op} AFTER ${op} ON main."${t}" BEGIN UPDATE fuzz_writes SET n = n + 1; END;`);
    }
  }
  const read = db.prepare('SELECT n FROM temp.fuzz_writes');
  return () => (read.get() as { n: number }).n;
}

function serialize(req: FuzzRequest, port: number): string {
  const host = req.headers.host === undefined ? `127.0.0.1:${port}` : req.headers.host;
  const lines = [`${req.method} ${req.path} HTTP/1.1`];
  if (host !== '') lines.push(`Host: ${host}`);
  for (const [k, v] of Object.entries(req.headers)) if (k !== 'host') lines.push(`${k}: ${v}`);
  lines.push('Connection: close');
  if (req.body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(req.body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${req.body ?? ''}`;
}

/** Requests the HTTP parser itself refuses: they must still get Stripe's envelope. */
function malformed(rnd: Rand, port: number): { req: FuzzRequest; bytes: string } {
  const host = `Host: 127.0.0.1:${port}\r\n`;
  const cases: [string, string][] = [
    ['header name with a space', `GET /v1/webhook_endpoints HTTP/1.1\r\n${host}Bad Header: x\r\n\r\n`],
    ['headers over the limit', `GET /v1/webhook_endpoints HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(17_000)}\r\n\r\n`],
    ['bad Content-Length', `POST /v1/webhook_endpoints HTTP/1.1\r\n${host}Content-Length: -1\r\n\r\n`],
    ['not HTTP', `HELLO\r\n\r\n`],
    ['bad method', `BREW /v1/webhook_endpoints HTTP/1.1\r\n${host}\r\n`],
  ];
  const [mutation, bytes] = rnd.pick(cases);
  return { req: { operation: 'malformed HTTP', mutation, method: '?', path: '?', headers: {}, body: bytes.slice(0, 300) }, bytes };
}

function idsIn(value: unknown, out: KnownIds, depth = 0): void {
  if (depth > 4 || !value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'id' || (typeof v === 'string' && /^[a-z]+(_[a-z]+)*_1[A-Za-z0-9]{10,}$/.test(v))) out.add(v);
    else idsIn(v, out, depth + 1);
  }
}

function envelopeProblem(answer: RawAnswer): string | null {
  let parsed: any;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'error body is not JSON';
  }
  const e = parsed?.error;
  if (!e || typeof e.type !== 'string' || typeof e.message !== 'string' || e.message === '') return 'error body is not Stripe\'s {error: {type, message}} envelope';
  if (!['api_error', 'card_error', 'idempotency_error', 'invalid_request_error', 'authentication_error', 'rate_limit_error'].includes(e.type)) {
    return `error type '${e.type}' is not one of Stripe's`;
  }
  return null;
}

/**
 * Sends `requests` seeded requests: every operation the engine serves in
 * turn (from its modules, so a new API group is fuzzed without a line here),
 * each with params drawn from its description and spoiled one way, plus
 * controls without their token and malformed HTTP. Checks every answer.
 */
export async function runFuzz(options: { requests: number; seed: number }): Promise<FuzzReport> {
  const started = Date.now();
  const server = await startServer({ settings: { webhookRetrySchedule: [86_400], webhookTimeoutMs: 2000 } });
  // Jobs run when the clock says; the fuzz never advances it, so nothing writes behind a request's back.
  server.engine.core.scheduler.stop();
  const writes = writeCounter(server.engine.core.db);
  const operations = MODULES.flatMap((m) => m.operations ?? []);
  const controls = MODULES.flatMap((m) => m.controls ?? []);
  const rnd = new Rand(options.seed);
  const known = new KnownIds();
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    operations: operations.length,
    undescribed: operations.filter((op) => !operationSpec(op.method, op.path)).map((op) => `${op.method} ${op.path}`),
    byStatus: {},
    byMutation: {},
    fiveXX: 0,
    withoutEnvelope: 0,
    withoutRequestId: 0,
    refusedThatWrote: 0,
    ledgerOk: false,
    ms: 0,
    validRefusals: {},
    failures: [],
  };
  const fail = (problem: string, request: FuzzRequest, answer: RawAnswer | null) => {
    if (report.failures.length < 50) report.failures.push({ problem, request, status: answer?.status ?? null, body: (answer?.body ?? '').slice(0, 500) });
  };
  try {
    for (let i = 0; i < options.requests; i++) {
      let req: FuzzRequest;
      let bytes: string;
      const family = rnd.next();
      // A first pass or two of valid-looking requests creates objects the later ones can refer to.
      const warmUp = i < operations.length * 2;
      if (warmUp || family < 0.86) {
        req = requestFor(operations[i % operations.length], rnd, known, !warmUp);
        bytes = serialize(req, server.port);
      } else if (family < 0.96) {
        req = extraRequest(rnd, controls);
        bytes = serialize(req, server.port);
      } else {
        ({ req, bytes } = malformed(rnd, server.port));
      }
      await server.engine.drainWebhooks();
      const before = writes();
      const answer = await rawHttp(server.port, bytes);
      const wrote = writes() - before;
      report.requests++;
      report.byMutation[req.mutation] = (report.byMutation[req.mutation] ?? 0) + 1;
      if (!answer) {
        report.fiveXX++;
        fail('no answer at all (connection closed)', req, answer);
        continue;
      }
      const cls = `${Math.floor(answer.status / 100)}xx`;
      report.byStatus[cls] = (report.byStatus[cls] ?? 0) + 1;
      if (answer.status >= 500 || answer.status < 200) {
        report.fiveXX++;
        fail(`status ${answer.status}`, req, answer);
      }
      if (answer.status >= 400 && req.mutation === 'valid-looking') {
        const why = `${req.operation}: ${String(JSON.parse(answer.body)?.error?.message ?? '').replace(/'[^']*'/g, "'…'").slice(0, 90)}`;
        report.validRefusals[why] = (report.validRefusals[why] ?? 0) + 1;
      }
      if (answer.status >= 400) {
        const problem = envelopeProblem(answer);
        if (problem) {
          report.withoutEnvelope++;
          fail(problem, req, answer);
        }
        if (!/^req_[A-Za-z0-9]+$/.test(answer.headers['request-id'] ?? '')) {
          report.withoutRequestId++;
          fail('error without a Request-Id header', req, answer);
        }
        if (wrote > 0) {
          report.refusedThatWrote++;
          fail(`refused request wrote ${wrote} rows`, req, answer);
        }
      } else if (req.operation.startsWith('GET ') || req.operation.startsWith('POST ') || req.operation.startsWith('DELETE ')) {
        if (!/^req_/.test(answer.headers['request-id'] ?? '')) {
          report.withoutRequestId++;
          fail('API answer without a Request-Id header', req, answer);
        }
        try {
          idsIn(JSON.parse(answer.body), known);
        } catch {
          fail('success body is not JSON', req, answer);
        }
      }
    }
    await server.engine.drainWebhooks();
    const ledger = await server.control<{ ok: boolean }>('GET', '/ledger/check');
    report.ledgerOk = ledger.status === 200 && ledger.body.ok === true;
  } finally {
    await server.close();
  }
  report.ms = Date.now() - started;
  return report;
}

/** A failure as a reader needs it to reproduce: the operation, the mutation, the exact request, the answer. */
export function describeFailure(f: FuzzFailure): string {
  const r = f.request;
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${v.length > 120 ? `${v.slice(0, 120)}…` : v}`)
    .join(' | ');
  const body = r.body === undefined ? '' : `\n    body: ${r.body.length > 400 ? `${r.body.slice(0, 400)}…` : r.body}`;
  return `${f.problem} — ${r.operation} [${r.mutation}]\n    ${r.method} ${r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path}\n    headers: ${headers}${body}\n    answer: ${f.status} ${f.body}`;
}
