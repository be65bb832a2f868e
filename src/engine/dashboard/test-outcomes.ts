import {
  TEST_BANK_ACCOUNTS,
  TEST_BANK_METHODS,
  TEST_ROUTING_NUMBER,
  type TestBankBehaviour,
} from '../resources/payment-methods/test-methods.js';
import type { TestOutcome, TestOutcomes } from '@shared/dashboard-api.js';

function treasuryLabel(b: TestBankBehaviour['treasury']): string | undefined {
  if (!b) return undefined;
  switch (b.to) {
    case 'posted':
      return b.expectedArrivalDateShiftDays ? `posts, a day later than expected` : 'posts';
    case 'returned':
      return `posts, then is returned (${b.code})`;
    case 'failed':
      return 'fails';
    case 'canceled':
      return 'is canceled';
    case 'processing':
      return 'stays processing (move it with a test helper)';
  }
}

function achLabel(a: TestBankBehaviour['ach']): string | undefined {
  if (!a) return undefined;
  if (a === 'succeeds') return 'succeeds';
  if (a === 'processing') return 'stays processing (move it with a test helper)';
  return `fails (${a})`;
}

/**
 * Stripe's test outcomes as form choices, from the same table the engine acts
 * on: destination bank accounts for outbound payments and transfers, and the
 * origin test PaymentMethods for inbound transfers.
 */
export function testOutcomes(): TestOutcomes {
  const destinations: TestOutcome[] = [];
  for (const [account, b] of Object.entries(TEST_BANK_ACCOUNTS)) {
    const label = treasuryLabel(b.treasury);
    if (label) destinations.push({ value: account, label: `${account} — ${label}`, routing_number: TEST_ROUTING_NUMBER });
  }
  const destinationMethods: TestOutcome[] = [];
  const origins: TestOutcome[] = [];
  for (const [pm, account] of Object.entries(TEST_BANK_METHODS)) {
    const b = TEST_BANK_ACCOUNTS[account];
    const out = treasuryLabel(b?.treasury);
    if (out) destinationMethods.push({ value: pm, label: `${pm} — ${out}` });
    const inbound = achLabel(b?.ach);
    if (inbound) origins.push({ value: pm, label: `${pm} — ${inbound}` });
  }
  return { destination_accounts: destinations, destination_payment_methods: destinationMethods, origin_payment_methods: origins };
}
