import type { Connection } from './connection';
import { formEncode } from './form-encode';

/** A refused request, carrying the message the engine gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { message: text };
  }
  if (!res.ok) {
    const message = body?.error?.message ?? body?.message ?? `HTTP ${res.status}`;
    throw new ApiError(res.status, message);
  }
  return body;
}

/** The renderer's one way to talk to the engine: the dashboard API and the Stripe API. */
export class ApiClient {
  /** The secret key the Stripe API accepts; known once the dashboard info is read. */
  apiKey = 'sk_test_counterfoil';

  constructor(readonly connection: Connection) {}

  /** A token-guarded dashboard call under `/_counterfoil`. */
  async dashboard<T>(path: string, options: { method?: string; query?: Query; body?: unknown } = {}): Promise<T> {
    const res = await fetch(`${this.connection.baseUrl}/_counterfoil${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers: {
        'X-Counterfoil-Token': this.connection.token,
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    return (await readJson(res)) as T;
  }

  /** A Stripe API call, form-encoded like the SDKs send it. */
  async stripe<T>(method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, unknown> = {}): Promise<T> {
    const body = formEncode(params);
    const url = `${this.connection.baseUrl}${path}${method === 'GET' && body ? `?${body}` : ''}`;
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: method === 'POST' ? body : undefined,
    });
    return (await readJson(res)) as T;
  }

  /** Performs a request the engine described (an action): Stripe API or control. */
  perform(request: { method: 'POST'; path: string; body?: Record<string, unknown> }): Promise<unknown> {
    if (request.path.startsWith('/v1/')) return this.stripe('POST', request.path, request.body ?? {});
    const path = request.path.replace(/^\/_counterfoil/, '');
    return this.dashboard(path, { method: 'POST', body: request.body ?? {} });
  }

  /** Whether the engine answers and still takes our token. */
  async probe(): Promise<'ok' | 'unauthorized' | 'down'> {
    try {
      const res = await fetch(`${this.connection.baseUrl}/_counterfoil/dashboard/info`, {
        headers: { 'X-Counterfoil-Token': this.connection.token },
      });
      return res.status === 401 ? 'unauthorized' : res.ok ? 'ok' : 'down';
    } catch {
      return 'down';
    }
  }

  /** The URL of the live change stream (EventSource cannot send headers). */
  streamUrl(): string {
    return `${this.connection.baseUrl}/_counterfoil/dashboard/stream${queryString({ token: this.connection.token })}`;
  }
}
