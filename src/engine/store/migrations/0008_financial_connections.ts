import type { Migration } from './index.js';

/**
 * What Financial Connections keeps off its objects: the linked accounts' bank
 * numbers (sealed, as the payment-method vault keeps them), how far each
 * session's bank-linking flow got, and the order of transaction refreshes
 * (`transaction_refresh[after]` filters by it).
 */
export const migration: Migration = {
  name: '0008_financial_connections',
  sql: `
    CREATE TABLE financial_connections_account_numbers (
      account_id TEXT PRIMARY KEY,
      sealed TEXT NOT NULL
    );

    -- state: 'linked' once accounts were linked, 'ended' when the bank ended the flow; absent while open.
    CREATE TABLE financial_connections_flows (
      session_id TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      institution TEXT NOT NULL
    );

    CREATE TABLE financial_connections_transaction_refreshes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      account_id TEXT NOT NULL,
      succeeded_at INTEGER
    );
    CREATE INDEX financial_connections_transaction_refreshes_account ON financial_connections_transaction_refreshes (account_id, seq);
  `,
};
