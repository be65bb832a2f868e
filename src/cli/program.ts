import { cac } from 'cac';
import { CliError, type ConnectionFlags } from './client.js';
import { fixtures, resend, snapshot, tail, trigger, type EditFlags, type TailFlags } from './commands.js';
import { listen, type ListenFlags } from './listen.js';

/** What `counterfoil --help` lists before serve's own flags. */
export const OVERVIEW = `Usage: counterfoil <command> [options]

Commands (each takes --help):
  serve                      run the sandbox (the default command)
  listen --forward-to URL    forward the sandbox's events to a local URL, signed
  trigger EVENT              run the built-in fixture that produces EVENT (--list shows them)
  fixtures FILE.json         run a fixture file in the Stripe CLI's format
  events resend EVT          deliver an event again
  logs tail                  stream the API request log
  snapshot save|load|list|diff   keep and restore the sandbox's state`;

/** Options every command that reaches a sandbox takes. */
function connection<T extends { option: (raw: string, description: string, config?: object) => T }>(command: T): T {
  return command
    .option('--api-base <url>', 'the running sandbox (default http://127.0.0.1:12111, or $COUNTERFOIL_API_BASE)')
    .option('--api-key <key>', 'a secret key for /v1 requests (any sk_test_ works)')
    .option('--token <token>', "the dashboard token, for controls (default $COUNTERFOIL_TOKEN, else the one serve keeps in its data directory)");
}

function edits<T extends { option: (raw: string, description: string, config?: object) => T }>(command: T): T {
  return command
    .option('--add <fixture:key=value>', 'add a param to a fixture request (repeatable)', { type: [String] })
    .option('--override <fixture:key=value>', 'replace a param of a fixture request (repeatable)', { type: [String] })
    .option('--remove <fixture:key>', 'drop a param from a fixture request (repeatable)', { type: [String] });
}

/** Turns what mri read as numbers back into the strings the commands expect. */
function strings<T extends object>(options: T): T {
  return Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  ) as T;
}

/** Parses and runs every command but `serve`. */
export async function runCommand(argv: string[]): Promise<void> {
  const cli = cac('counterfoil');
  let action: Promise<void> | undefined;
  const run = (p: Promise<void>) => {
    action = p;
  };

  connection(
    cli
      .command('listen', 'Forward the sandbox\'s events to a local URL, each signed with this machine\'s secret for that URL')
      .option('--forward-to <url>', 'where to POST each event, e.g. localhost:4242/webhooks')
      .option('--events <types>', 'comma-separated event types, or * (default *)')
      .option('--forward-connect-to <url>', 'where Connect events would go (this sandbox has none)')
      .option('--skip-verify', 'accepted for compatibility, with no effect: deliveries to https URLs still verify the certificate')
      .option('--print-secret', 'print the signing secret for --forward-to and exit')
      .option('--format <format>', 'JSON prints each event and attempt as one JSON line')
      .example('counterfoil listen --forward-to localhost:4242/webhooks --events treasury.outbound_payment.posted'),
  ).action((flags: ListenFlags) => run(listen(strings(flags))));

  connection(
    edits(
      cli
        .command('trigger [event]', 'Run the built-in fixture that produces an event, printing each request')
        .option('--list', 'list every supported event')
        .example('counterfoil trigger treasury.outbound_payment.posted --override outbound_payment:amount=2500'),
    ),
  ).action((event: string | undefined, flags: ConnectionFlags & EditFlags & { list?: boolean }) => run(trigger(event, strings(flags))));

  connection(
    edits(cli.command('fixtures <file>', "Run a fixture file in the Stripe CLI's format and print the ids made")),
  ).action((file: string, flags: ConnectionFlags & EditFlags) => run(fixtures(file, strings(flags))));

  connection(
    cli
      .command('events <action> <event>', 'events resend EVT: deliver an event again (to --webhook-endpoint, else every endpoint that takes it)')
      .option('--webhook-endpoint <id>', 'only this endpoint (we_…)'),
  ).action((sub: string, event: string, flags: ConnectionFlags & { webhookEndpoint?: string }) => {
    if (sub !== 'resend') throw new CliError(`unknown events command '${sub}': use \`counterfoil events resend EVT\``);
    run(resend(String(event), strings(flags)));
  });

  connection(
    cli
      .command('logs <action>', 'logs tail: stream the API request log as requests arrive')
      .option('--filter-http-method <methods>', 'GET, POST, DELETE (comma-separated)')
      .option('--filter-status-code <codes>', 'e.g. 200,402')
      .option('--filter-status-code-type <types>', '2XX, 4XX, 5XX (comma-separated)')
      .option('--filter-request-path <paths>', 'exact paths, or a prefix ending in * (comma-separated)')
      .option('--filter-request-status <status>', 'SUCCEEDED or FAILED')
      .option('--format <format>', 'JSON prints each request as one JSON line'),
  ).action((sub: string, flags: TailFlags) => {
    if (sub !== 'tail') throw new CliError(`unknown logs command '${sub}': use \`counterfoil logs tail\``);
    run(tail(strings(flags)));
  });

  connection(
    cli.command('snapshot <action> [...names]', 'snapshot save NAME | load NAME | list | diff A B (A or B may be `current`)'),
  ).action((sub: string, names: string[], flags: ConnectionFlags) => run(snapshot(sub, names.map(String), strings(flags))));

  cli.help();
  cli.parse(['node', 'counterfoil', ...argv], { run: false });
  if (!cli.matchedCommand) return;
  cli.runMatchedCommand();
  if (action) await action;
}
