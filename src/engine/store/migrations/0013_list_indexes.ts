import type { Migration } from './index.js';

/** Owner-scoped types whose list takes a `status` filter. */
export const WITH_STATUS = [
  'treasury.outbound_payment',
  'treasury.outbound_transfer',
  'treasury.inbound_transfer',
  'treasury.received_credit',
  'treasury.received_debit',
  'treasury.credit_reversal',
  'treasury.debit_reversal',
  'treasury.transaction',
];

export const name = (type: string) => type.replace(/\./g, '_');

/**
 * An index for every list filter the description has, so a filtered page
 * costs the same at a million objects as at ten: each is partial (one object
 * type), so a write pays only for the indexes of its own type.
 */
export const migration: Migration = {
  name: '0013_list_indexes',
  sql: `
${WITH_STATUS.map(
  (t) => `    CREATE INDEX ${name(t)}_by_status
      ON objects (owner, json_extract(data, '$.status'), seq) WHERE type = '${t}';`,
).join('\n')}
    CREATE INDEX treasury_outbound_payment_by_customer
      ON objects (owner, json_extract(data, '$.customer'), seq) WHERE type = 'treasury.outbound_payment';
    CREATE INDEX treasury_credit_reversal_by_received_credit
      ON objects (owner, json_extract(data, '$.received_credit'), seq) WHERE type = 'treasury.credit_reversal';
    CREATE INDEX treasury_debit_reversal_by_received_debit
      ON objects (owner, json_extract(data, '$.received_debit'), seq) WHERE type = 'treasury.debit_reversal';
    CREATE INDEX treasury_received_credit_by_source_flow_type
      ON objects (owner, json_extract(data, '$.linked_flows.source_flow_type'), seq) WHERE type = 'treasury.received_credit';
    CREATE INDEX treasury_entry_by_transaction
      ON objects (owner, json_extract(data, '$.transaction'), seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX treasury_entry_by_effective_at
      ON objects (owner, json_extract(data, '$.effective_at'), seq) WHERE type = 'treasury.transaction_entry';
    CREATE INDEX treasury_financial_account_by_status
      ON objects (json_extract(data, '$.status'), seq) WHERE type = 'treasury.financial_account';
    CREATE INDEX event_by_type ON objects (json_extract(data, '$.type'), seq) WHERE type = 'event';
  `,
};
