import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeForm } from '../../src/engine/http/form.js';
import { treasuryActions } from '../../src/engine/resources/treasury/actions.js';
import type { StripeObject } from '../../src/engine/store/objects.js';
import { rawApi } from '../support/server.js';
import { expectEveryResponseMatchesSpec, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

async function perform(req: { method: string; path: string; body?: Record<string, unknown> }): Promise<number> {
  if (req.path.startsWith('/_counterfoil')) return (await s.control(req.method, req.path.slice('/_counterfoil'.length), req.body ?? {})).status;
  return (await rawApi(s.url, req.method, req.path, encodeForm(req.body ?? {}))).status;
}

async function funded() {
  const fa = await s.account();
  await s.fund(fa.id, 100_000);
  return fa.id;
}

/** Ways to get a fresh object of a type into a given state. */
const STATES: Record<string, Record<string, () => Promise<StripeObject>>> = {
  'treasury.outbound_payment': {
    'processing, cancelable': async () => s.stripe.treasury.outboundPayments.create({ financial_account: await funded(), amount: 100, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' }) as never,
    'processing, submitted': async () => {
      const obp = await s.stripe.treasury.outboundPayments.create({
        financial_account: await funded(),
        amount: 100,
        currency: 'usd',
        destination_payment_method: 'pm_usBankAccount_processing',
        destination_payment_method_options: { us_bank_account: { network: 'us_domestic_wire' } },
      });
      return obp as never;
    },
    posted: async () => {
      const obp = await s.stripe.treasury.outboundPayments.create({ financial_account: await funded(), amount: 100, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
      return s.stripe.testHelpers.treasury.outboundPayments.post(obp.id) as never;
    },
    canceled: async () => {
      const obp = await s.stripe.treasury.outboundPayments.create({ financial_account: await funded(), amount: 100, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
      return s.stripe.treasury.outboundPayments.cancel(obp.id) as never;
    },
  },
  'treasury.inbound_transfer': {
    processing: async () => s.stripe.treasury.inboundTransfers.create({ financial_account: await funded(), amount: 100, currency: 'usd', origin_payment_method: 'pm_usBankAccount_processing' }) as never,
    succeeded: async () => {
      const ibt = await s.stripe.treasury.inboundTransfers.create({ financial_account: await funded(), amount: 100, currency: 'usd', origin_payment_method: 'pm_usBankAccount_processing' });
      return s.stripe.testHelpers.treasury.inboundTransfers.succeed(ibt.id) as never;
    },
  },
  'treasury.credit_reversal': {
    processing: async () => s.stripe.treasury.creditReversals.create({ received_credit: (await s.fund(await funded(), 10)).id }) as never,
  },
  'treasury.debit_reversal': {
    processing: async () => {
      const rd = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: await funded(), amount: 10, currency: 'usd', network: 'ach' });
      return s.stripe.treasury.debitReversals.create({ received_debit: rd.id }) as never;
    },
  },
  'treasury.received_credit': {
    'ach, reversible': async () => s.fund(await funded(), 10) as never,
    wire: async () => s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: await funded(), amount: 10, currency: 'usd', network: 'us_domestic_wire' }) as never,
  },
  'treasury.financial_account': {
    empty: async () => s.account() as never,
    funded: async () => s.stripe.treasury.financialAccounts.retrieve(await funded()) as never,
  },
};

describe('object actions', () => {
  for (const [type, states] of Object.entries(STATES)) {
    for (const [state, make] of Object.entries(states)) {
      test(`${type} (${state}): every offered action succeeds and every withheld one is refused`, async () => {
        for (const action of treasuryActions[type]) {
          const obj = await make();
          const offered = action.available(obj);
          const status = await perform(action.request(obj));
          expect({ action: action.name, status: status === 200 ? 'done' : 'refused' }).toEqual({ action: action.name, status: offered ? 'done' : 'refused' });
        }
      });
    }
  }
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
