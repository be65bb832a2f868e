import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../../context.js';
import { StripeError, resourceMissing } from '../../errors.js';
import { authenticate } from '../../http/auth.js';
import { FILE, fileChunks, type FileObject } from './file-store.js';

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `GET /v1/files/:file/contents`: the file's bytes, downloaded with the
 * secret key as Stripe's files.stripe.com serves them, streamed chunk by chunk.
 */
export function registerFileContents(app: FastifyInstance, core: EngineCore): void {
  app.get('/v1/files/:file/contents', async (req, reply) => {
    const id = (req.params as { file: string }).file;
    try {
      authenticate(header(req.headers.authorization));
      const file = core.store.get<FileObject>(id, FILE);
      if (!file || (file.expires_at !== null && file.expires_at <= core.clock.now())) throw resourceMissing('file upload', id, 'file');
      const name = (file.filename ?? id).replace(/[^A-Za-z0-9._-]/g, '_');
      reply
        .code(200)
        .header('content-type', file.type === 'csv' ? 'text/csv; charset=utf-8' : 'application/octet-stream')
        .header('content-length', String(file.size))
        .header('content-disposition', `attachment; filename="${name}"`);
      return reply.send(Readable.from(fileChunks(core, id), { objectMode: false }));
    } catch (err) {
      const e = err instanceof StripeError ? err : new StripeError(500, { type: 'api_error', message: (err as Error).message });
      return reply.code(e.status).type('application/json').send(JSON.stringify(e.toJSON()));
    }
  });
}
