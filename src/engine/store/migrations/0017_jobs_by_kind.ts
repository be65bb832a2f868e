import type { Migration } from './index.js';

/**
 * Jobs by kind: a start asks whether the sandbox's daily reporting tick is
 * scheduled, and a control that forces an outcome removes the pending timer of
 * its object among the jobs of one kind. Both read every job without this
 * index: a sandbox of a million entries holds some 75,000 pending reversal
 * deadlines, and that read took 16 ms of each start with the file in the page
 * cache and over a second without.
 */
export const migration: Migration = {
  name: '0017_jobs_by_kind',
  sql: `
    CREATE INDEX jobs_kind ON jobs (kind);
  `,
};
