import { label } from '../../scheduler.js';
import type { ResourceModule } from '../../context.js';
import { registerFileContents } from './contents.js';
import { EXPIRE_FILE_JOB, removeFile } from './file-store.js';
import { fileOperations } from './files.js';

export { FileWriter, FILE, removeFile, type FileObject, type FileProgress, type FilePurpose } from './file-store.js';
export { csvSink, type Cell, type CsvSink } from './csv.js';

/** Files: the CSVs report runs and query runs produce, stored in chunks and removed when they expire. */
export const filesModule: ResourceModule = {
  name: 'files',
  operations: fileOperations,
  setup(core) {
    core.scheduler.on(EXPIRE_FILE_JOB, (p: { id: string }) => removeFile(core, p.id), label('expired file removed'), { background: true });
  },
  register: (app, core) => registerFileContents(app, core),
};
