import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/engine.js';
import { USAGE, parseServeArgs } from './args.js';
import { defaultDataDir } from './data-dir.js';

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
  // Built layout: out/main/cli.js beside out/renderer.
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const engine = createEngine({
    dbPath,
    host: opts.host,
    port: opts.port,
    token: opts.token,
    allowHosts: opts.allowHosts,
    rendererDir,
    settings: opts.settings,
  });
  const url = await engine.start();
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

/** `counterfoil <command> [flags]`. */
async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  // `counterfoil --port 0` works too: flags without a command mean serve.
  if (command.startsWith('-')) return serve(argv);
  throw new Error(`unknown command '${command}'\n${USAGE}`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`counterfoil: ${err.message}`);
  process.exit(1);
});
