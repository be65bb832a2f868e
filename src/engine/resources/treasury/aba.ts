import { randomInt } from 'node:crypto';
import type { EngineCore } from '../../context.js';
import { TEST_BANK_NAME, TEST_ROUTING_NUMBER } from '../payment-methods/index.js';
import type { FinancialAddress } from './financial-account-shape.js';
import { stmt } from '../../store/statements.js';

const HOLDER_NAME = 'Counterfoil Test Account';

/**
 * Gives an account its ABA financial address (once): a fresh 12-digit account
 * number under Stripe's test routing number. The full number is kept out of
 * the object and shown only when asked for.
 */
export function ensureAbaAddress(core: EngineCore, financialAccount: string): FinancialAddress {
  let row = numberOf(core, financialAccount);
  if (!row) {
    const insert = stmt(
      core.db,
      'INSERT OR IGNORE INTO treasury_account_numbers (financial_account, account_number, routing_number) VALUES (?, ?, ?)',
    );
    // A 12-digit number that never starts with 0 cannot collide with Stripe's test bank numbers (000…).
    while (!row) {
      const candidate = String(randomInt(1, 10)) + String(randomInt(0, 1e11)).padStart(11, '0');
      insert.run(financialAccount, candidate, TEST_ROUTING_NUMBER);
      row = numberOf(core, financialAccount);
    }
  }
  return {
    type: 'aba',
    aba: {
      account_holder_name: HOLDER_NAME,
      account_number_last4: row.account_number.slice(-4),
      bank_name: TEST_BANK_NAME,
      routing_number: row.routing_number,
    },
    supported_networks: ['ach', 'us_domestic_wire'],
  };
}

/** The account's full ABA account number and routing number, if it has an address. */
export function numberOf(core: EngineCore, financialAccount: string): { account_number: string; routing_number: string } | undefined {
  return stmt(core.db, 'SELECT account_number, routing_number FROM treasury_account_numbers WHERE financial_account = ?')
    .get(financialAccount) as { account_number: string; routing_number: string } | undefined;
}

/** The FinancialAccount whose ABA address this is, if any: an ACH credit to it lands there. */
export function accountByNumber(core: EngineCore, routingNumber: string, accountNumber: string): string | undefined {
  const row = stmt(core.db, 'SELECT financial_account FROM treasury_account_numbers WHERE routing_number = ? AND account_number = ?')
    .get(routingNumber, accountNumber) as { financial_account: string } | undefined;
  return row?.financial_account;
}

