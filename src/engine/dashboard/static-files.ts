import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The page may load only itself and talk only to this server: no remote content at all. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built renderer at `/` for the headless dashboard (and the
 * desktop window, which loads it from the engine's own loopback origin).
 * Only `/`, `/index.html` and `/assets/*` are claimed, so unknown API paths
 * keep Stripe's 404.
 */
export function registerStaticFiles(app: FastifyInstance, rendererDir: string): void {
  const root = normalize(rendererDir);
  const send = async (reply: FastifyReply, relative: string) => {
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return reply.code(404).send();
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return reply.code(404).type('text/plain').send('Not found');
    }
    return reply
      .header('content-security-policy', RENDERER_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', relative.startsWith('assets') ? 'public, max-age=31536000, immutable' : 'no-store')
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .send(body);
  };
  app.get('/', (_req, reply) => send(reply, 'index.html'));
  app.get('/index.html', (_req, reply) => send(reply, 'index.html'));
  app.get('/assets/*', (req, reply) => send(reply, join('assets', (req.params as { '*': string })['*'])));
}
