import type { Migration } from './index.js';

/**
 * Treasury's ledger guarantees and list indexes. Balances live on the
 * FinancialAccount object itself; what needs its own tables is what the API
 * must never show (full account numbers) and what proves the ledger was not
 * rewritten (a seal per settled Transaction).
 */
export const migration: Migration = {
  name: '0003_treasury',
  sql: `
    -- Entries are append-only: a correction is a new entry, never an edit.
    CREATE TRIGGER treasury_entries_append_only
    BEFORE UPDATE ON objects WHEN OLD.type = 'treasury.transaction_entry'
    BEGIN SELECT RAISE(ABORT, 'treasury transaction entries are append-only'); END;

    -- A posted or void Transaction is final.
    CREATE TRIGGER treasury_settled_transactions_final
    BEFORE UPDATE ON objects
    WHEN OLD.type = 'treasury.transaction' AND json_extract(OLD.data, '$.status') IN ('posted', 'void')
    BEGIN SELECT RAISE(ABORT, 'a posted or void treasury transaction cannot change'); END;

    -- What a Transaction looked like when it settled, so the ledger check can prove it never changed.
    CREATE TABLE treasury_transaction_seals (
      transaction_id TEXT PRIMARY KEY,
      financial_account TEXT NOT NULL,
      hash TEXT NOT NULL,
      entry_ids TEXT NOT NULL
    );
    CREATE INDEX treasury_transaction_seals_account ON treasury_transaction_seals (financial_account);

    -- The full ABA account number of a FinancialAccount, shown only when expanded.
    CREATE TABLE treasury_account_numbers (
      financial_account TEXT PRIMARY KEY,
      account_number TEXT NOT NULL UNIQUE,
      routing_number TEXT NOT NULL
    );

    -- Where a flow's money really goes, which the object does not show: a sandbox
    -- FinancialAccount behind a bank account number, and what a test account number makes happen.
    CREATE TABLE treasury_flow_routes (
      flow_id TEXT PRIMARY KEY,
      receiving_account TEXT,
      behaviour TEXT
    );

    -- Entries of one Transaction, and Transactions ordered by posted_at, without scanning an account.
    CREATE INDEX treasury_entries_by_transaction
      ON objects (json_extract(data, '$.transaction'), seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX treasury_transactions_by_posted_at
      ON objects (owner, json_extract(data, '$.status_transitions.posted_at'), seq) WHERE type = 'treasury.transaction';
  `,
};
