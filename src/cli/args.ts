import { parseArgs } from 'node:util';
import type { EngineSettings } from '../engine/context.js';

export interface ServeOptions {
  host: string;
  port: number;
  db: string | undefined;
  token: string | undefined;
  /** Host names answered besides loopback and the listen address. */
  allowHosts: string[];
  settings: Partial<EngineSettings>;
  help: boolean;
}

export const USAGE = `Usage: counterfoil serve [options]

Runs the Counterfoil sandbox headless: the Stripe API under /v1 and the dashboard.

Options:
  --port N      port to listen on (default 12111; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1)
  --db PATH     sandbox database file, or :memory: (default: sandbox.db in the data directory)
  --token T     dashboard token (default: $COUNTERFOIL_TOKEN or a random one)
  --allow-host NAME     also answer requests whose Host is NAME (a container or tunnel name;
                        NAME:PORT for one port only); repeat or separate with commas.
                        Other Hosts are refused, so a web page cannot reach the sandbox by DNS rebinding
  --webhook-retries S   seconds between webhook retries, comma-separated (default 60,300,1800,3600,7200,10800)
  --webhook-timeout MS  how long a webhook attempt may take (default 10000)
  --log-limit N         how many API requests the request log keeps (default 10000)
  -h, --help    show this help`;

/** Parses `serve`'s flags; throws with a readable message on bad input. */
export function parseServeArgs(argv: string[]): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      token: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'webhook-retries': { type: 'string' },
      'webhook-timeout': { type: 'string' },
      'log-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 12111 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const settings: Partial<EngineSettings> = {};
  if (values['webhook-retries'] !== undefined) {
    const schedule = values['webhook-retries'].split(',').filter(Boolean).map(Number);
    if (schedule.some((n) => !Number.isFinite(n) || n <= 0)) {
      throw new Error(`--webhook-retries takes positive seconds separated by commas, got ${values['webhook-retries']}`);
    }
    settings.webhookRetrySchedule = schedule;
  }
  if (values['webhook-timeout'] !== undefined) settings.webhookTimeoutMs = positive('--webhook-timeout', values['webhook-timeout']);
  if (values['log-limit'] !== undefined) settings.requestLogLimit = positive('--log-limit', values['log-limit']);
  const allowHosts = (values['allow-host'] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const h of allowHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(h)) throw new Error(`--allow-host takes a host name or name:port, got ${h}`);
  }
  return { host: values.host ?? '127.0.0.1', port, db: values.db, token: values.token, allowHosts, settings, help: values.help ?? false };
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} takes a positive whole number, got ${value}`);
  return n;
}
