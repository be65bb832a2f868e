import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/engine.js';
import { alreadyRunningMessage, probe } from './already-running.js';
import { USAGE, parseServeArgs } from './args.js';
import { defaultDataDir } from './data-dir.js';
import { CliError, nearMatches } from './client.js';
import { OVERVIEW, runCommand } from './program.js';

async function serve(argv: string[]): Promise<void> {
  const opts = parseServeArgs(argv);
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  let dbPath = opts.db;
  if (!dbPath) {
    const dir = defaultDataDir();
    mkdirSync(dir, { recursive: true });
    dbPath = join(dir, 'sandbox.db');
  }
  // Built layout: out/main/cli-program.cjs beside out/renderer.
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const engine = createEngine({
    dbPath,
    host: opts.host,
    port: opts.port,
    token: opts.token,
    allowHosts: opts.allowHosts,
    rendererDir,
    settings: opts.settings,
    onUpgrade: (pending) =>
      console.log(`Upgrading ${dbPath} to this version's schema (${pending.join(', ')}); once, and a large sandbox takes a minute or two…`),
  });
  let url: string;
  try {
    url = await engine.start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await engine.stop();
    // A second `npm start` / `serve`: say who holds the port rather than a bare EADDRINUSE.
    const base = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${opts.port}`;
    const { text, code } = alreadyRunningMessage(base, engine.token, await probe(base, engine.token), opts.port);
    (code === 0 ? console.log : console.error)(text);
    process.exitCode = code;
    return;
  }
  console.log(`Counterfoil listening on ${url} (db ${dbPath}) — dashboard: ${url}/?token=${engine.token}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(`counterfoil: error while stopping on ${signal}:`, err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Commands beyond `serve`, parsed with cac (each has its own --help). */
const COMMANDS = ['listen', 'trigger', 'fixtures', 'events', 'logs', 'snapshot'];

/** `counterfoil <command> [flags]`. */
async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(`${OVERVIEW}\n\n${USAGE}`);
    return;
  }
  // `counterfoil --port 0` works too: flags without a command mean serve.
  if (command.startsWith('-')) return serve(argv);
  if (COMMANDS.includes(command)) return runCommand(argv);
  const near = nearMatches(command, ['serve', ...COMMANDS], 3);
  throw new CliError(`unknown command '${command}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (counterfoil --help lists them)`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  // One clear line for what the user can fix; the stack only for what they cannot.
  const known = err instanceof CliError || err.name === 'CACError' || /^--/.test(err.message);
  console.error(`counterfoil: ${known ? err.message.split('\n')[0] : err.message}`);
  process.exit(1);
});
