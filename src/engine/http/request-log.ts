import type { ChangeBus } from '../changes.js';
import type { Db } from '../store/db.js';
import type { GroupCommit } from '../store/group-commit.js';

export interface LoggedRequest {
  id: string;
  atMs: number;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  idempotencyKey: string | null;
  params: unknown;
  response: string;
  objectId: string | null;
  requestHeaders?: Record<string, string | string[] | undefined>;
  responseHeaders?: Record<string, string>;
  /** The response is an idempotent replay of an earlier request's. */
  replayed?: boolean;
}

/**
 * How long a read's row may wait for a write's commit to ride before it gets one of its own (ms):
 * with a live view following, 100 ms after the read; with none, once no read has come for 100 ms.
 */
const READ_FLUSH_MS = 100;
/**
 * With a live view following, reads' rows waiting past which they are committed in the next
 * turn anyway. Under a load of reads, 100 ms held thousands of rows (each with its response):
 * they outlived the young generation, and the old one grew by some 50 MB to hold them.
 */
const READ_BATCH = 64;
/**
 * With none following, the reads' rows an unbroken stream of reads (no write, no pause) keeps
 * for the next commit: the newest this many; older ones of the stream are counted, not kept.
 * Few enough that a dropped row dies in the young generation: a row lives as long as the reads
 * after it take to come, and with a backlog of webhook retries allocating beside 20,000 reads a
 * second, 100 or 200 rows lived through young-generation collections and the old generation
 * grew by some 60 MB between full collections (50: none).
 */
export const HELD_READS = 50;

/** Rows the byte trim removes per statement. */
const TRIM_CHUNK = 32;

/** What is kept of each request's params and of each response, in characters. */
export const STORED_BODY_LIMIT = 64 * 1024;

/** A request's row as the table stores it: made only when the row is written, not for rows a read stream drops. */
function rowOf(entry: LoggedRequest) {
  const [params, paramsCut] = capped(JSON.stringify(redactSecretParams(entry.params)));
  const [response, responseCut] = capped(entry.response);
  const truncated = [paramsCut && 'params', responseCut && 'response'].filter(Boolean).join(',') || null;
  // Headers are bounded by the HTTP parser's limit, so they are kept whole (and counted).
  const requestHeaders = entry.requestHeaders ? JSON.stringify(redactHeaders(entry.requestHeaders)) : null;
  const responseHeaders = entry.responseHeaders ? JSON.stringify(entry.responseHeaders) : null;
  const bytes = params.length + response.length + entry.path.length + (requestHeaders?.length ?? 0) + (responseHeaders?.length ?? 0);
  return { params, response, truncated, bytes, requestHeaders, responseHeaders };
}

function removedBytes(rows: unknown[]): number {
  let n = 0;
  for (const r of rows as { bytes: number }[]) n += r.bytes;
  return n;
}

/** The text cut to the cap, and whether it was cut. */
function capped(text: string): [string, boolean] {
  return text.length > STORED_BODY_LIMIT ? [text.slice(0, STORED_BODY_LIMIT), true] : [text, false];
}

/** What the stored log weighs, read at every start: from the covering index of (seq, bytes), not the rows (a test checks the plan). */
export const LOG_SIZE_SQL = 'SELECT coalesce(sum(bytes), 0) AS n FROM request_log';

/**
 * The API request log the inspector shows. Rows ride the group commit (see
 * store/group-commit.ts): a write's row is committed with the write itself, and
 * the rows of the reads before it at the start of the same transaction (so a
 * write that rewrites logged rows, an identity redaction, sees them).
 *
 * A read's row waits for the next write's group or a commit of its own. While a
 * live view (the dashboard) follows, that commit comes within 100 ms, so its
 * inspector shows every read as it happens. While none follows (a test suite
 * against `serve`), it comes once reads pause for 100 ms, and an unbroken stream
 * of reads keeps only its newest rows: committing each read's row was two
 * fifths of what a list cost, and under a stream of reads the byte budget
 * below made the reads push every write out of the log. How many rows were not
 * kept is counted (`readsNotKept`); flush() commits whatever waits.
 *
 * Each stored params and response text is capped (marked `truncated`), and the
 * table is trimmed to the newest `limit` rows and to `maxBytes` of text, so
 * the database stays the same size under any request stream.
 */
export class RequestLog {
  private pending: LoggedRequest[] = [];
  /** Rows of reads in `pending` (the rest are requests refused before they ran, waiting a turn). */
  private pendingReads = 0;
  private lastReadMs = 0;
  private notKept = 0;
  /**
   * The log asked for a commit (commitSoon): the next group writes the rows waiting even if it
   * carries no request. A group of webhook attempts' notes and outcomes alone leaves them waiting
   * otherwise: under a backlog of retries such groups come every few milliseconds, and each
   * writing every read's row doubled what a read cost.
   */
  private due = false;
  private written: LoggedRequest[] = [];
  private readonly insertStmt;
  private readonly trimStmt;
  private readonly trimOldestStmt;
  private readonly sizeStmt;
  private storedBytes: number;
  private readTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly group: GroupCommit,
    private readonly changes: ChangeBus,
    private readonly limit: () => number,
    private readonly maxBytes: () => number,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO request_log (id, at_ms, method, path, status, latency_ms, idempotency_key, params, response, object_id,
         bytes, truncated, request_headers, response_headers, replayed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Both trims say how many bytes they removed, so the total is kept without summing the table again.
    this.trimStmt = db.prepare('DELETE FROM request_log WHERE seq <= (SELECT max(seq) FROM request_log) - ? RETURNING bytes');
    // The oldest rows, a few at a time: the byte trim repeats it until the newest rows fit the budget,
    // so its cost follows what it removes, not the size of the table.
    this.trimOldestStmt = db.prepare(
      `DELETE FROM request_log WHERE seq IN (SELECT seq FROM request_log ORDER BY seq LIMIT ${TRIM_CHUNK}) RETURNING bytes`,
    );
    this.sizeStmt = db.prepare(LOG_SIZE_SQL);
    this.storedBytes = (this.sizeStmt.get() as { n: number }).n;
    group.atStart(() => this.writePending());
    group.beforeCommit(() => this.writePending());
    group.afterCommit(() => this.published());
    // Rows of reads from before a reset or a snapshot load belong to the sandbox that went.
    changes.subscribe((c) => {
      if (c.kind === 'reset') this.forgetPending();
    });
  }

  /** Rows of reads that an unbroken stream of reads did not keep, since the start. */
  get readsNotKept(): number {
    return this.notKept;
  }

  /**
   * Takes a request's row. The entry is kept as it is (its params and headers are not changed after
   * the request answered) and formatted when it is written: most rows of a read stream never are.
   */
  add(entry: LoggedRequest): void {
    this.pending.push(entry);
    // Inside a group's transaction (a write answering), that group's commit takes the row.
    if (this.db.inTransaction) return;
    if (entry.method !== 'GET') {
      this.commitSoon();
      return;
    }
    this.pendingReads++;
    if (this.changes.watched) {
      if (this.pending.length < READ_BATCH) this.soon(READ_FLUSH_MS);
      else this.commitSoon();
      return;
    }
    this.lastReadMs = performance.now();
    // Trimmed a quarter past the bound, so the cut is not made on every read.
    if (this.pendingReads > HELD_READS * 1.25) this.dropOldestReads();
    this.soon(READ_FLUSH_MS);
  }

  /** Reads' rows get a commit of their own in `ms` (a live view follows) or once reads pause (none does). */
  private soon(ms: number): void {
    if (this.readTimer) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      if (this.pending.length === 0) return;
      const quietFor = performance.now() - this.lastReadMs;
      if (this.changes.watched || quietFor >= READ_FLUSH_MS) this.commitSoon();
      else this.soon(READ_FLUSH_MS - quietFor);
    }, ms);
    this.readTimer.unref();
  }

  /** Asks for a group that writes the rows waiting, whatever else it carries. */
  private commitSoon(): void {
    this.due = true;
    this.group.schedule();
  }

  /** Leaves the newest HELD_READS rows of reads waiting, and every row of another request. */
  private dropOldestReads(): void {
    let excess = this.pendingReads - HELD_READS;
    this.notKept += excess;
    this.pendingReads = HELD_READS;
    const kept: LoggedRequest[] = [];
    for (const entry of this.pending) {
      if (excess > 0 && entry.method === 'GET') excess--;
      else kept.push(entry);
    }
    this.pending = kept;
  }

  private forgetPending(): void {
    this.pending = [];
    this.pendingReads = 0;
  }

  /** Commits what is buffered now (before shutdown, before the inspector reads the table, and for tests). */
  flush(): void {
    clearTimeout(this.readTimer);
    this.readTimer = undefined;
    this.due = true;
    this.group.flush();
  }

  /**
   * Inside the group transaction: inserts the buffered rows and trims the table. A group of
   * background work alone (webhook attempts) leaves them waiting, unless the log asked for it.
   */
  private writePending(): void {
    if (this.pending.length === 0) return;
    if (!this.due && !this.group.carriesRequests) return;
    this.due = false;
    const batch = this.pending;
    this.forgetPending();
    this.written.push(...batch);
    for (const e of batch) {
      const { params, response, truncated, bytes, requestHeaders, responseHeaders } = rowOf(e);
      this.insertStmt.run(
        e.id,
        e.atMs,
        e.method,
        e.path,
        e.status,
        e.latencyMs,
        e.idempotencyKey,
        params,
        response,
        e.objectId,
        bytes,
        truncated,
        requestHeaders,
        responseHeaders,
        e.replayed ? 1 : 0,
      );
      this.storedBytes += bytes;
    }
    this.storedBytes -= removedBytes(this.trimStmt.all(this.limit()));
    // Trim to 90% of the budget, so a log at its limit is not trimmed on every flush.
    if (this.storedBytes > this.maxBytes()) {
      const target = Math.floor(this.maxBytes() * 0.9);
      while (this.storedBytes > target) {
        const removed = this.trimOldestStmt.all() as { bytes: number }[];
        if (removed.length === 0) break;
        this.storedBytes -= removedBytes(removed);
      }
    }
  }

  /** After the commit: tells the dashboard about the new rows. */
  private published(): void {
    if (this.written.length === 0) return;
    const batch = this.written;
    this.written = [];
    for (const entry of batch) this.changes.publish({ kind: 'request', id: entry.id });
  }
}
// Params that carry a card number, CVC or bank account number (payment_methods create,
// Treasury's destination_payment_method_data): the log is shown and exported, so they never enter it.
const SECRET_PARAMS = new Set(['number', 'cvc', 'account_number']);

// Header lists in params (forwarding's request[headers]): credentials are masked unless
// they are {{PLACEHOLDERS}} the sandbox fills in itself.
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|password|signature|credential|session/i;

/** Request headers as the log keeps them: one value each, with keys and tokens masked to their last four characters. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name] = CREDENTIAL_HEADER.test(name) || name === 'x-counterfoil-token' ? maskCredential(value) : value;
  }
  return out;
}

/** `Bearer sk_test_abc…wxyz` → `Bearer sk_test_********wxyz`: the scheme and key prefix stay readable. */
function maskCredential(value: string): string {
  const m = /^(\w+\s+)?((?:sk|rk|pk)_(?:test|live)_)?(.*)$/.exec(value)!;
  const [, scheme = '', prefix = '', rest] = m;
  return `${scheme}${prefix}${'*'.repeat(Math.max(4, rest.length - 4))}${rest.slice(-4)}`;
}

/** A copy of request params with card numbers, CVCs, account numbers and header credentials masked. */
export function redactSecretParams(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => redactSecretParams(v));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string' && typeof o.value === 'string' && CREDENTIAL_HEADER.test(o.name) && !/\{\{\w+\}\}/.test(o.value)) {
      return { ...o, value: '********' };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecretParams(v, k)]));
  }
  if (SECRET_PARAMS.has(key) && typeof value === 'string' && value !== '') {
    return key === 'cvc' ? '***' : `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
  }
  return value;
}
