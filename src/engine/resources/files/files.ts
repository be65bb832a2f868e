import type { Operation } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { FILE } from './file-store.js';

/** Files: what the sandbox produced (report results, query results), retrieve and list. */
export const fileOperations: Operation[] = [
  {
    method: 'GET',
    path: '/v1/files',
    handler: (ctx) => listObjects(ctx, FILE, '/v1/files', ctx.params.purpose ? { where: { purpose: ctx.params.purpose } } : {}),
  },
  {
    method: 'GET',
    path: '/v1/files/{file}',
    handler: (ctx) => {
      const file = ctx.core.store.get(ctx.path.file, FILE);
      if (!file) throw resourceMissing('file upload', ctx.path.file, 'file');
      return file;
    },
  },
];
