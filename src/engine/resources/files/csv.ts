import { createRequire } from 'node:module';
import type { FileWriter } from './file-store.js';

// Loaded with the first report or query file: a start that writes none needs no CSV writer.
const load = createRequire(import.meta.url);
let csv: typeof import('csv-stringify') | undefined;

/** A cell as reports and query results write it: text, or empty for null. */
export type Cell = string | number | bigint | boolean | null | undefined;

/** Rows written as CSV, one at a time, straight into a file. */
export interface CsvSink {
  row(cells: Cell[]): void;
  /** Rows written so far, without the header. */
  readonly rows: number;
  end(): void;
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return String(cell);
}

/**
 * A streaming csv-stringify whose output goes to the file as each record is
 * written (its transform runs synchronously, so nothing piles up in between).
 */
export function csvSink(file: FileWriter, header: string[], options: { writeHeader?: boolean } = {}): CsvSink {
  csv ??= load('csv-stringify') as typeof import('csv-stringify');
  const stringifier = csv.stringify({ header: false, eof: true, record_delimiter: 'unix' });
  stringifier.on('data', (chunk: Buffer) => file.write(chunk));
  let error: Error | undefined;
  stringifier.on('error', (err) => (error = err));
  let rows = 0;
  const write = (cells: Cell[]) => {
    stringifier.write(cells.map(text));
    if (error) throw error;
  };
  // A file continued from an earlier slice has its header already.
  if (options.writeHeader !== false) write(header);
  return {
    row(cells) {
      write(cells);
      rows++;
    },
    get rows() {
      return rows;
    },
    end: () => void stringifier.end(),
  };
}
