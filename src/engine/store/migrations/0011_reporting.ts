import type { Migration } from './index.js';

/**
 * Files and the reports written into them. A file's content is stored in
 * chunks, so a large report or query result is written and downloaded a chunk
 * at a time and never sits whole in memory (the File object itself lives in
 * the objects table). The indexes let a report walk the ledger and the tax
 * transactions in time order, a page at a time, without scanning them all.
 */
export const migration: Migration = {
  name: '0011_reporting',
  sql: `
    CREATE TABLE file_chunks (
      file_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (file_id, seq)
    ) WITHOUT ROWID;

    CREATE INDEX reporting_entries_by_effective_at
      ON objects (json_extract(data, '$.effective_at'), seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX reporting_tax_transactions_by_date
      ON objects (coalesce(json_extract(data, '$.posted_at'), created), seq) WHERE type = 'tax.transaction';
  `,
};
