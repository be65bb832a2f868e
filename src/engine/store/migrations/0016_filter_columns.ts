import { WITH_STATUS, name } from './0013_list_indexes.js';
import type { Migration } from './index.js';

const list = (types: string[]) => types.map((t) => `'${t}'`).join(', ');

/**
 * The list-filter indexes move from JSON expressions to columns the store
 * fills (store/filter-columns.ts): the JSON is no longer parsed for every
 * index on every write. Rows already stored get their columns from their
 * JSON here. The entries-of-a-transaction index without the account goes:
 * every query for a transaction's entries names its account.
 */
export const migration: Migration = {
  name: '0016_filter_columns',
  sql: `
    ALTER TABLE objects ADD COLUMN status TEXT;
    ALTER TABLE objects ADD COLUMN ref TEXT;
    ALTER TABLE objects ADD COLUMN at INTEGER;

    -- The ledger's guards (0003) refuse any change to an entry or a settled Transaction,
    -- even filling a column: they are dropped for the fill and made again at the end.
    DROP TRIGGER treasury_entries_append_only;
    DROP TRIGGER treasury_settled_transactions_final;

    UPDATE objects SET status = json_extract(data, '$.status')
      WHERE type IN (${list([...WITH_STATUS, 'treasury.financial_account'])});
    UPDATE objects SET ref = json_extract(data, '$.customer') WHERE type = 'treasury.outbound_payment';
    UPDATE objects SET ref = json_extract(data, '$.linked_flows.source_flow_type') WHERE type = 'treasury.received_credit';
    UPDATE objects SET ref = json_extract(data, '$.received_credit') WHERE type = 'treasury.credit_reversal';
    UPDATE objects SET ref = json_extract(data, '$.received_debit') WHERE type = 'treasury.debit_reversal';
    UPDATE objects SET at = json_extract(data, '$.status_transitions.posted_at') WHERE type = 'treasury.transaction';
    UPDATE objects SET ref = json_extract(data, '$.transaction'), at = json_extract(data, '$.effective_at')
      WHERE type = 'treasury.transaction_entry';
    UPDATE objects SET ref = json_extract(data, '$.type') WHERE type = 'event';

${WITH_STATUS.map((t) => `    DROP INDEX ${name(t)}_by_status;`).join('\n')}
    DROP INDEX treasury_outbound_payment_by_customer;
    DROP INDEX treasury_credit_reversal_by_received_credit;
    DROP INDEX treasury_debit_reversal_by_received_debit;
    DROP INDEX treasury_received_credit_by_source_flow_type;
    DROP INDEX treasury_entry_by_transaction;
    DROP INDEX treasury_entry_by_effective_at;
    DROP INDEX treasury_financial_account_by_status;
    DROP INDEX event_by_type;
    DROP INDEX treasury_entries_by_transaction;
    DROP INDEX treasury_transactions_by_posted_at;
    DROP INDEX reporting_entries_by_effective_at;

${WITH_STATUS.map((t) => `    CREATE INDEX ${name(t)}_by_status ON objects (owner, status, seq) WHERE type = '${t}';`).join('\n')}
    CREATE INDEX treasury_outbound_payment_by_customer ON objects (owner, ref, seq) WHERE type = 'treasury.outbound_payment';
    CREATE INDEX treasury_credit_reversal_by_received_credit ON objects (owner, ref, seq) WHERE type = 'treasury.credit_reversal';
    CREATE INDEX treasury_debit_reversal_by_received_debit ON objects (owner, ref, seq) WHERE type = 'treasury.debit_reversal';
    CREATE INDEX treasury_received_credit_by_source_flow_type ON objects (owner, ref, seq) WHERE type = 'treasury.received_credit';
    CREATE INDEX treasury_entry_by_transaction ON objects (owner, ref, seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX treasury_entry_by_effective_at ON objects (owner, at, seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX treasury_financial_account_by_status ON objects (status, seq) WHERE type = 'treasury.financial_account';
    CREATE INDEX event_by_type ON objects (ref, seq) WHERE type = 'event';
    CREATE INDEX treasury_transactions_by_posted_at ON objects (owner, at, seq) WHERE type = 'treasury.transaction';
    CREATE INDEX reporting_entries_by_effective_at ON objects (at, seq) WHERE type = 'treasury.transaction_entry';

    CREATE TRIGGER treasury_entries_append_only
    BEFORE UPDATE ON objects WHEN OLD.type = 'treasury.transaction_entry'
    BEGIN SELECT RAISE(ABORT, 'treasury transaction entries are append-only'); END;

    -- A posted or void Transaction is final; its status is read from its column now.
    CREATE TRIGGER treasury_settled_transactions_final
    BEFORE UPDATE ON objects
    WHEN OLD.type = 'treasury.transaction' AND OLD.status IN ('posted', 'void')
    BEGIN SELECT RAISE(ABORT, 'a posted or void treasury transaction cannot change'); END;
  `,
};
