import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { StripeError } from '../errors.js';
import type { Db } from '../store/db.js';

export interface StoredResponse {
  status: number;
  body: string;
  requestId: string;
}

/** Fingerprint of what a key was first used with: method, path and params. */
export function fingerprint(method: string, path: string, params: unknown): string {
  return createHash('sha256').update(`${method} ${path} ${JSON.stringify(params)}`).digest('hex');
}

/**
 * Stripe's idempotency: a key replays the first response it produced for the
 * same request, refuses different params, and lets only one request with a
 * key execute at a time.
 */
export class IdempotencyStore {
  private readonly inFlight = new Set<string>();
  private lastExpiryMs = -Infinity;
  private readonly findStmt;
  private readonly saveStmt;
  private readonly expireStmt;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly ttlSeconds: () => number,
  ) {
    this.findStmt = db.prepare(
      'SELECT method, path, params_hash, status, response, request_id, created_ms FROM idempotency_keys WHERE key = ?',
    );
    this.saveStmt = db.prepare(
      `INSERT OR REPLACE INTO idempotency_keys (key, method, path, params_hash, status, response, request_id, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.expireStmt = db.prepare('DELETE FROM idempotency_keys WHERE created_ms < ?');
  }

  /**
   * Claims a key for a request. Returns a stored response to replay, or
   * undefined when the request should execute (call `release` after).
   */
  begin(key: string, method: string, path: string, hash: string): StoredResponse | undefined {
    this.expire();
    const row = this.findStmt.get(key) as
      | { method: string; path: string; params_hash: string; status: number; response: string; request_id: string; created_ms: number }
      | undefined;
    if (row && row.created_ms >= this.clock.nowMs() - this.ttlSeconds() * 1000) {
      if (row.params_hash !== hash || row.method !== method || row.path !== path) {
        throw new StripeError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      return { status: row.status, body: row.response, requestId: row.request_id };
    }
    if (this.inFlight.has(key)) {
      throw new StripeError(409, {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      });
    }
    this.inFlight.add(key);
    return undefined;
  }

  /** Forgets expired keys, at most once a minute of sandbox time (a write per request would cost a commit). */
  private expire(): void {
    const now = this.clock.nowMs();
    if (now - this.lastExpiryMs < 60_000) return;
    this.lastExpiryMs = now;
    this.expireStmt.run(now - this.ttlSeconds() * 1000);
  }

  /** Stores the response of an executed request under its key. */
  save(key: string, method: string, path: string, hash: string, res: StoredResponse): void {
    this.saveStmt.run(key, method, path, hash, res.status, res.body, res.requestId, this.clock.nowMs());
  }

  /** Frees a claimed key (after saving, or when validation failed before execution). */
  release(key: string): void {
    this.inFlight.delete(key);
  }
}
