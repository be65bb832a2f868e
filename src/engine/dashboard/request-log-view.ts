import type { EngineCore } from '../context.js';
import { resourceMissing } from '../errors.js';
import type { RequestLogDetail, RequestLogPage, RequestLogSummary } from '@shared/dashboard-api.js';
import { BOUND, stmt } from '../store/statements.js';

const SUMMARY = 'id, at_ms, method, path, status, latency_ms, idempotency_key, object_id, replayed = 1 AS replayed';
const STATUS_CLASSES: Record<string, [number, number]> = { '2xx': [200, 299], '4xx': [400, 499], '5xx': [500, 599] };

export function limitOf(value: unknown, fallback: number, max = 1000): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** The newest API requests, filtered by a free-text search and a status class. */
export function listRequests(core: EngineCore, q: Record<string, unknown>): RequestLogPage {
  core.requestLog.flush();
  const where: string[] = [];
  const params: unknown[] = [];
  const text = typeof q.q === 'string' ? q.q.trim() : '';
  if (text) {
    where.push('(path LIKE ? OR id = ? OR object_id = ? OR idempotency_key LIKE ? OR method = ?)');
    params.push(`%${text}%`, text, text, `%${text}%`, text.toUpperCase());
  }
  const range = typeof q.status === 'string' ? STATUS_CLASSES[q.status] : undefined;
  if (range) {
    where.push('status BETWEEN ? AND ?');
    params.push(...range);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = limitOf(q.limit, 200);
  const rows = (stmt(core.db, `SELECT ${SUMMARY} FROM request_log ${clause} ORDER BY seq DESC LIMIT ${BOUND}`).all(...params, limit + 1) as SummaryRow[]).map(
    summaryOf,
  );
  const total = (stmt(core.db, `SELECT count(*) AS n FROM request_log ${clause}`).get(...params) as { n: number }).n;
  return { data: rows.slice(0, limit), total, has_more: rows.length > limit, reads_not_kept: core.requestLog.readsNotKept };
}

/** One logged request with its params and response body parsed. */
export function getRequest(core: EngineCore, id: string): RequestLogDetail {
  core.requestLog.flush();
  const row = stmt(core.db, `SELECT ${SUMMARY}, params, response, truncated, request_headers, response_headers FROM request_log WHERE id = ?`).get(id) as
    | (SummaryRow & { params: string; response: string; truncated: string | null; request_headers: string | null; response_headers: string | null })
    | undefined;
  if (!row) throw resourceMissing('request', id);
  const cut = row.truncated?.split(',') ?? [];
  // A cut text is no longer JSON: it is shown as the text it is, with the flag saying so.
  return {
    ...summaryOf(row),
    params: parse(row.params),
    response: parse(row.response),
    truncated: { params: cut.includes('params'), response: cut.includes('response') },
    request_headers: row.request_headers ? (JSON.parse(row.request_headers) as Record<string, string>) : null,
    response_headers: row.response_headers ? (JSON.parse(row.response_headers) as Record<string, string>) : null,
  };
}

type SummaryRow = Omit<RequestLogSummary, 'replayed'> & { replayed: number };

function summaryOf(row: SummaryRow): RequestLogSummary {
  return {
    id: row.id,
    at_ms: row.at_ms,
    method: row.method,
    path: row.path,
    status: row.status,
    latency_ms: row.latency_ms,
    idempotency_key: row.idempotency_key,
    object_id: row.object_id,
    replayed: row.replayed === 1,
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
