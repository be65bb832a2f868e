import type { FastifyInstance } from 'fastify';
import type { Change } from '../changes.js';
import type { EngineCore, RouteGuard } from '../context.js';

const BATCH_MS = 50;
const MAX_BATCH = 200;
const HEARTBEAT_MS = 15_000;

/** Collapses a large burst to one change per kind and object type: the UI reloads by topic, not by id. */
function collapse(batch: Change[]): Change[] {
  const seen = new Map<string, Change>();
  for (const c of batch) {
    const key = batch.length > MAX_BATCH ? `${c.kind}|${'type' in c ? c.type : ''}` : JSON.stringify(c);
    seen.set(key, c);
  }
  return [...seen.values()];
}

/**
 * `GET /_counterfoil/dashboard/stream`: server-sent events of the engine's
 * changes, batched every 50 ms into one JSON array per message.
 */
export function registerLiveStream(app: FastifyInstance, core: EngineCore, guard: RouteGuard): void {
  const open = new Set<() => void>();
  // SSE connections never go idle on their own; end them so the server can close.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });

  app.get('/_counterfoil/dashboard/stream', { preHandler: guard }, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\ndata: ${JSON.stringify([{ kind: 'hello', now_ms: core.clock.nowMs() }])}\n\n`);

    let batch: Change[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const out = collapse(batch);
      batch = [];
      if (out.length) res.write(`data: ${JSON.stringify(out)}\n\n`);
    };
    const unsubscribe = core.changes.follow((change) => {
      batch.push(change);
      timer ??= setTimeout(flush, BATCH_MS);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const end = () => {
      open.delete(end);
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    req.raw.on('close', end);
  });
}
