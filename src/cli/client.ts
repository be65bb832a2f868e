import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import qs from 'qs';
import { TOKEN_FILE } from '../engine/token.js';
import { defaultDataDir } from './data-dir.js';

export const DEFAULT_API_BASE = 'http://127.0.0.1:12111';
/** Any test-mode secret key works against the sandbox. */
export const DEFAULT_KEY = 'sk_test_counterfoil';

/** A failure the command reports as one line and a non-zero exit. */
export class CliError extends Error {}

/** Flags every command that talks to a sandbox takes. */
export interface ConnectionFlags {
  apiBase?: string;
  apiKey?: string;
  token?: string;
}

/** How a command reaches a running sandbox: the API with a secret key, controls with the dashboard token. */
export class Sandbox {
  readonly apiBase: string;
  readonly key: string;
  private readonly givenToken: string | undefined;

  constructor(flags: ConnectionFlags, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.apiBase = (flags.apiBase ?? env.COUNTERFOIL_API_BASE ?? DEFAULT_API_BASE).replace(/\/+$/, '');
    try {
      new URL(this.apiBase);
    } catch {
      throw new CliError(`--api-base must be a URL such as ${DEFAULT_API_BASE}, got ${this.apiBase}`);
    }
    this.key = flags.apiKey ?? env.COUNTERFOIL_API_KEY ?? DEFAULT_KEY;
    this.givenToken = flags.token ?? env.COUNTERFOIL_TOKEN;
  }

  /** The dashboard token: --token, COUNTERFOIL_TOKEN, else the one `serve` keeps in the default data directory. */
  token(): string {
    if (this.givenToken) return this.givenToken;
    const file = join(defaultDataDir(undefined, this.env), TOKEN_FILE);
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      throw new CliError(
        `this command needs the sandbox's dashboard token: pass --token T or set COUNTERFOIL_TOKEN (it is the ?token= of the dashboard URL \`counterfoil serve\` prints; none found in ${file})`,
      );
    }
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(`no Counterfoil is running at ${this.apiBase} (${code}): start one with \`counterfoil serve\`, or point --api-base at it`);
    }
  }

  private async parse<T>(res: Response, what: string, control: boolean): Promise<T> {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(`${this.apiBase} answered ${what} with ${res.status} and no JSON: is it Counterfoil? (point --api-base at a running \`counterfoil serve\`)`);
    }
    if (!res.ok) {
      const message = (body as { error?: { message?: string } })?.error?.message ?? text.slice(0, 200);
      if (control && res.status === 401) {
        throw new CliError(`the sandbox at ${this.apiBase} refused the dashboard token: pass --token T or set COUNTERFOIL_TOKEN (${message})`);
      }
      throw new CliError(`${what} answered ${res.status}: ${message}`);
    }
    return body as T;
  }

  /** A `/v1` request, form-encoded as the SDKs send it. */
  async api<T = any>(method: string, path: string, params?: Record<string, unknown>): Promise<T> {
    let url = `${this.apiBase}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    let body: string | undefined;
    const encoded = params ? qs.stringify(params, { arrayFormat: 'indices' }) : '';
    if (method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = encoded;
    } else if (encoded) url += `?${encoded}`;
    const res = await this.send(url, { method, headers, body });
    return this.parse<T>(res, `${method} ${path}`, false);
  }

  /** A `/_counterfoil` control with the dashboard token (JSON in, JSON out). */
  async control<T = any>(method: string, path: string, body?: Record<string, unknown>, query?: Record<string, unknown>): Promise<T> {
    const token = this.token();
    const q = query ? `?${qs.stringify(query)}` : '';
    const res = await this.send(`${this.apiBase}/_counterfoil${path}${q}`, {
      method,
      headers: { 'x-counterfoil-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return this.parse<T>(res, `${method} /_counterfoil${path}`, true);
  }

  /** Fails with one clear line unless a Counterfoil answers at the API base with this token. */
  async ensureRunning(): Promise<void> {
    await this.control('GET', '/clock');
  }

  /**
   * Follows the dashboard's live stream: calls `onBatch` with each message's
   * changes, in order (the next waits for the previous). Resolves when the
   * stream ends or `signal` aborts.
   */
  async stream(onBatch: (changes: { kind: string; [k: string]: unknown }[]) => Promise<void>, signal: AbortSignal): Promise<void> {
    const res = await this.send(`${this.apiBase}/_counterfoil/dashboard/stream`, {
      headers: { 'x-counterfoil-token': this.token(), accept: 'text/event-stream' },
      signal,
    });
    if (!res.ok || !res.body) await this.parse(res, 'the live stream', true);
    const decoder = new TextDecoder();
    let buffer = '';
    let chain = Promise.resolve();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          if (!data) continue;
          const changes = JSON.parse(data) as { kind: string }[];
          chain = chain.then(() => onBatch(changes));
        }
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
    await chain;
  }
}

/** `2026-01-01 12:00:00` in local time, as the Stripe CLI stamps its lines. */
export function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Up to `max` known names closest to `name`: same prefix first, then by edit distance. */
export function nearMatches(name: string, known: readonly string[], max = 5): string[] {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length];
  };
  const lower = name.toLowerCase();
  const scored = known.map((k) => {
    const parts = lower.split('.');
    const shared = parts.filter((p) => p && k.split('.').includes(p)).length;
    return { k, score: distance(lower, k) - shared * 4 - (k.includes(lower) ? 10 : 0) };
  });
  const limit = Math.max(4, Math.floor(name.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((s) => s.k);
}
