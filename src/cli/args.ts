import { parseArgs } from 'node:util';

export interface ServeOptions {
  host: string;
  port: number;
  db: string | undefined;
  token: string | undefined;
  help: boolean;
}

export const USAGE = `Usage: counterfoil serve [options]

Runs the Counterfoil sandbox headless: the Stripe API under /v1 and the dashboard.

Options:
  --port N      port to listen on (default 12111; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1)
  --db PATH     sandbox database file, or :memory: (default: sandbox.db in the data directory)
  --token T     dashboard token (default: $COUNTERFOIL_TOKEN or a random one)
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
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 12111 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  return { host: values.host ?? '127.0.0.1', port, db: values.db, token: values.token, help: values.help ?? false };
}
