import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, Sandbox, stamp, type ConnectionFlags } from './client.js';
import { defaultDataDir } from './data-dir.js';

export interface ListenFlags extends ConnectionFlags {
  forwardTo?: string;
  forwardConnectTo?: string;
  events?: string;
  skipVerify?: boolean;
  printSecret?: boolean;
  format?: string;
}

const SECRETS_FILE = 'listen-secrets.json';

/** The signing secrets `listen` keeps per forward URL on this machine, so a `.env` stays valid across restarts. */
function secretsPath(): string {
  return join(defaultDataDir(), SECRETS_FILE);
}

function readSecrets(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(secretsPath(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** The secret for a forward URL, made (and kept, owner-readable only) on first use. */
export function secretFor(url: string): string {
  const all = readSecrets();
  if (all[url]) return all[url];
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const dir = defaultDataDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(secretsPath(), `${JSON.stringify({ ...all, [url]: secret }, null, 2)}\n`, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(secretsPath(), 0o600);
  return secret;
}

function checkForwardUrl(url: string, flag: string): string {
  // `localhost:4242/webhooks` is how people type it: http is implied, as in the Stripe CLI.
  const full = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  try {
    const u = new URL(full);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new CliError(`${flag} must be an http(s) URL such as http://localhost:4242/webhooks, got '${url}'`);
  }
  return full;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string | null;
  status: string;
  attempt_count: number;
  attempt_rows: number;
  next_attempt_ms: number | null;
}

interface Attempt {
  id: string;
  at_ms: number;
  url: string;
  response_status: number | null;
  error: string | null;
  chaos?: string[];
}

/**
 * `counterfoil listen`: registers a listener (a webhook endpoint for the
 * forward URL, signed with this machine's secret for it), prints each event
 * and each delivery attempt as it happens, and removes the listener on ^C.
 */
export async function listen(flags: ListenFlags, out = console.log): Promise<void> {
  if (!flags.forwardTo) {
    if (flags.printSecret) {
      const known = Object.entries(readSecrets());
      if (known.length === 1) return void out(known[0][1]);
      throw new CliError('listen --print-secret needs --forward-to URL: the secret is kept per forward URL');
    }
    throw new CliError('listen needs --forward-to URL (e.g. --forward-to localhost:4242/webhooks)');
  }
  const forwardTo = checkForwardUrl(flags.forwardTo, '--forward-to');
  if (flags.forwardConnectTo) checkForwardUrl(flags.forwardConnectTo, '--forward-connect-to');
  const json = flags.format !== undefined && flags.format.toUpperCase() === 'JSON';
  if (flags.format !== undefined && !json) throw new CliError(`--format takes JSON, got '${flags.format}'`);
  const secret = secretFor(forwardTo);
  if (flags.printSecret) return void out(secret);
  const sandbox = new Sandbox(flags);
  await sandbox.ensureRunning();
  const events = (flags.events ?? '*').split(',').map((e) => e.trim()).filter(Boolean);
  const registered = await sandbox.control<{ endpoint: { id: string }; secret: string }>('POST', '/listeners', {
    url: forwardTo,
    enabled_events: events,
    secret,
    ...(flags.skipVerify ? { skip_verify: true } : {}),
  });
  const endpointId = registered.endpoint.id;
  const controller = new AbortController();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    controller.abort();
    try {
      await sandbox.control('DELETE', `/listeners/${endpointId}`);
    } catch {
      // The sandbox went away: nothing is left to remove.
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  out(`Ready! Your webhook signing secret is ${secret} (^C to quit)`);
  if (flags.forwardConnectTo) out('Note: this sandbox has no connected accounts, so nothing is forwarded to --forward-connect-to.');

  const printed = new Map<string, number>();
  let polling: Promise<void> | undefined;
  let again = false;
  const line = (ms: number, text: string) => out(`${stamp(ms)}   ${text}`);
  const poll = async (): Promise<void> => {
    const page = await sandbox.control<{ data: DeliveryRow[] }>('GET', '/dashboard/deliveries', undefined, { q: endpointId, limit: 200 });
    for (const d of page.data.reverse()) {
      const seen = printed.get(d.id);
      if (seen === undefined) {
        printed.set(d.id, 0);
        if (json) {
          const event = await sandbox.api('GET', `/v1/events/${d.event_id}`).catch(() => ({ id: d.event_id, type: d.event_type }));
          out(JSON.stringify(event));
        } else line(Date.now(), `--> ${d.event_type} [${d.event_id}]`);
      }
      if (d.attempt_rows <= (printed.get(d.id) ?? 0)) continue;
      const detail = await sandbox.control<DeliveryRow & { attempts: Attempt[] }>('GET', `/dashboard/deliveries/${d.id}`);
      const from = printed.get(d.id) ?? 0;
      detail.attempts.slice(from).forEach((a, i) => {
        const isLast = from + i === detail.attempts.length - 1;
        const chaos = a.chaos?.length ? ` {${a.chaos.join('; ')}}` : '';
        let tail = '';
        if (isLast && a.error !== null && detail.status === 'pending' && detail.next_attempt_ms !== null) {
          tail = ` — retry in ${Math.max(0, Math.round((detail.next_attempt_ms - a.at_ms) / 1000))}s`;
        } else if (isLast && detail.status === 'failed') tail = ` — gave up after ${detail.attempt_count} attempts`;
        if (json) {
          out(JSON.stringify({ object: 'delivery_attempt', event: d.event_id, url: a.url, status: a.response_status, error: a.error, chaos: a.chaos ?? [] }));
        } else if (a.response_status === null) {
          line(Date.now(), `<-- [ERROR] POST ${a.url} [${d.event_id}] ${a.error}${chaos}${tail}`);
        } else {
          line(Date.now(), `<-- [${a.response_status}] POST ${a.url} [${d.event_id}]${chaos}${tail}`);
        }
      });
      printed.set(d.id, detail.attempts.length);
    }
  };
  const schedule = async () => {
    if (polling) {
      again = true;
      return polling;
    }
    polling = (async () => {
      do {
        again = false;
        await poll();
      } while (again);
    })().finally(() => (polling = undefined));
    return polling;
  };
  try {
    await sandbox.stream(async (changes) => {
      if (changes.some((c) => c.kind === 'delivery')) await schedule();
    }, controller.signal);
  } catch (err) {
    if (stopping) return;
    throw err instanceof CliError ? err : new CliError(`lost the sandbox at ${sandbox.apiBase}: ${(err as Error).message}`);
  }
  if (!stopping) throw new CliError(`the sandbox at ${sandbox.apiBase} stopped; the listener is gone with it`);
}
