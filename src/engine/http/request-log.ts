import type { ChangeBus } from '../changes.js';
import type { Db } from '../store/db.js';

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
 * The API request log the inspector shows. Writes are batched (one
 * transaction per tick) so logging costs the hot path almost nothing, and the
 * table is trimmed to the newest `limit` rows.
 */
export class RequestLog {
  private pending: LoggedRequest[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly insertStmt;
  private readonly trimStmt;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeBus,
    private readonly limit: () => number,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO request_log (id, at_ms, method, path, status, latency_ms, idempotency_key, params, response, object_id,
         request_headers, response_headers, replayed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.trimStmt = db.prepare('DELETE FROM request_log WHERE seq <= (SELECT max(seq) FROM request_log) - ?');
  }

  add(entry: LoggedRequest): void {
    this.pending.push({ ...entry, params: redactSecretParams(entry.params) });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 20);
      this.timer.unref();
    }
  }

  /** Writes what is buffered; called on a timer and before shutdown. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const e of batch) {
        this.insertStmt.run(
          e.id,
          e.atMs,
          e.method,
          e.path,
          e.status,
          e.latencyMs,
          e.idempotencyKey,
          JSON.stringify(e.params),
          e.response,
          e.objectId,
          e.requestHeaders ? JSON.stringify(redactHeaders(e.requestHeaders)) : null,
          e.responseHeaders ? JSON.stringify(e.responseHeaders) : null,
          e.replayed ? 1 : 0,
        );
      }
      this.trimStmt.run(this.limit());
    })();
    for (const e of batch) this.changes.publish({ kind: 'request', id: e.id });
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
