import type { EngineCore } from '../context.js';
import type { ForwardingEntry, JsonObject, Paged } from '@shared/dashboard-api.js';
import { limitOf } from './request-log-view.js';
import { stmt } from '../store/statements.js';

const TYPE = 'forwarding.request';
const STATUS_CLASSES: Record<string, [number, number]> = { '2xx': [200, 299], '4xx': [400, 499], '5xx': [500, 599] };

interface ForwardingRequest extends JsonObject {
  url: string;
  payment_method?: string;
  request_details?: { http_method?: string } | null;
  response_details?: { status?: number } | null;
  request_context?: { destination_duration?: number } | null;
}

interface ConfigRow {
  id: string;
  data: string;
}

/** Where a config says requests may go: the URL-ish fields the forwarding module stores. */
function destinationsOf(config: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['url', 'destination', 'base_url', 'url_prefix']) if (typeof config[key] === 'string') out.push(config[key] as string);
  for (const key of ['urls', 'destinations', 'allowed_urls']) {
    if (Array.isArray(config[key])) out.push(...(config[key] as unknown[]).filter((v): v is string => typeof v === 'string'));
  }
  return out;
}

/** The config that allowed a destination: the one with the longest matching URL prefix (or same host). */
function configFor(configs: Record<string, unknown>[], url: string): JsonObject | null {
  let best: { config: Record<string, unknown>; score: number } | null = null;
  const host = safeHost(url);
  for (const config of configs) {
    for (const dest of destinationsOf(config)) {
      const score = url.startsWith(dest) ? dest.length + 1000 : safeHost(dest) === host && host ? 1 : 0;
      if (score > 0 && (!best || score > best.score)) best = { config, score };
    }
  }
  return (best?.config as JsonObject | undefined) ?? null;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Forwarding requests, newest first, each with the config that applied to its destination. */
export function listForwarding(core: EngineCore, q: Record<string, unknown>): Paged<ForwardingEntry> {
  const configs = (stmt(core.db, 'SELECT id, data FROM forwarding_configs ORDER BY seq').all() as ConfigRow[]).map(
    (r) => ({ id: r.id, ...(JSON.parse(r.data) as Record<string, unknown>) }),
  );
  const text = typeof q.q === 'string' ? q.q.trim().toLowerCase() : '';
  const range = typeof q.status === 'string' ? STATUS_CLASSES[q.status] : undefined;
  const limit = limitOf(q.limit, 200);
  const out: ForwardingEntry[] = [];
  let total = 0;
  // Forwarding requests are few (each is a real outbound call), so filtering in memory is fine.
  for (const req of core.store.list<ForwardingRequest>(TYPE, { limit: 5000 }).data) {
    const status = req.response_details?.status ?? null;
    if (text && ![req.id, req.url, req.payment_method ?? ''].some((s) => s.toLowerCase().includes(text))) continue;
    if (q.status === 'error' && status !== null) continue;
    if (range && (status === null || status < range[0] || status > range[1])) continue;
    total++;
    if (out.length >= limit) continue;
    const duration = (req.request_context as { destination_duration?: number } | null | undefined)?.destination_duration;
    out.push({
      id: req.id,
      created: req.created ?? 0,
      url: req.url,
      destination_host: safeHost(req.url),
      method: req.request_details?.http_method ?? 'POST',
      status,
      duration_ms: typeof duration === 'number' ? duration : null,
      request: req,
      config: configFor(configs, req.url),
    });
  }
  return { data: out, total, has_more: total > out.length };
}
