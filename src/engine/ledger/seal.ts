import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';

export interface Seal {
  hash: string;
  entryIds: string[];
}

/** The digest of a Transaction's stored JSON text. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Records what a Transaction looked like when it settled (posted or void), with its entries. */
export function sealTransaction(db: Db, transactionId: string, financialAccount: string, storedText: string, entryIds: string[]): void {
  stmt(
    db,
    'INSERT INTO treasury_transaction_seals (transaction_id, financial_account, hash, entry_ids) VALUES (?, ?, ?, ?)',
  ).run(transactionId, financialAccount, hashText(storedText), JSON.stringify(entryIds));
}

/** Every seal of an account's Transactions, by transaction id. */
export function sealsOf(db: Db, financialAccount: string): Map<string, Seal> {
  const rows = stmt(db, 'SELECT transaction_id, hash, entry_ids FROM treasury_transaction_seals WHERE financial_account = ?')
    .all(financialAccount) as { transaction_id: string; hash: string; entry_ids: string }[];
  return new Map(rows.map((r) => [r.transaction_id, { hash: r.hash, entryIds: JSON.parse(r.entry_ids) as string[] }]));
}
