import type { DemoDriver } from './demo-scenario.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

const FEATURES = {
  financial_addresses: { aba: { requested: true } },
  inbound_transfers: { ach: { requested: true } },
  intra_stripe_flows: { requested: true },
  outbound_payments: { ach: { requested: true }, us_domestic_wire: { requested: true } },
  outbound_transfers: { ach: { requested: true }, us_domestic_wire: { requested: true } },
};

const PAYROLL = [
  { name: 'Ada Okafor', amount: 612_500 },
  { name: 'Bruno Lindqvist', amount: 587_000 },
  { name: 'Chen Wei', amount: 534_250 },
  { name: 'Dolores Ibarra', amount: 498_000 },
];

const CUSTOMERS = [
  { from: 'Northwind Logistics', amount: 4_850_000 },
  { from: 'Globex Manufacturing', amount: 1_225_000 },
  { from: 'Initech Robotics Lab', amount: 798_000 },
];

function bank(name: string, accountNumber: string) {
  return {
    type: 'us_bank_account',
    us_bank_account: { routing_number: '110000000', account_number: accountNumber, account_holder_type: 'individual' },
    billing_details: { name },
  };
}

/** How many chapters the story has (each starts with `d.chapter(title)`). */
export const CHAPTERS = 6;

/** Marks the demo's endpoint, so a restart can point it at a new receiver. */
export const DEMO_ENDPOINT_METADATA = { key: 'counterfoil_demo', value: 'ledger-sync' } as const;

/** Acme Robotics' month, chapter by chapter. Ids are kept by role for later chapters. */
export async function playDemoStory(d: DemoDriver): Promise<void> {
  const keep = (role: string, obj: Record<string, any> | undefined) => obj && d.ids.set(role, obj.id);

  // Chapter 1: the company opens two accounts and points its ledger service at the sandbox.
  d.chapter('Acme opens two accounts and registers its webhook endpoint');
  keep('operating', await d.api('Open the operating account', '/v1/treasury/financial_accounts', {
    supported_currencies: ['usd'], features: FEATURES, nickname: 'Acme Robotics — Operating',
  }));
  keep('payroll', await d.api('Open the payroll account', '/v1/treasury/financial_accounts', {
    supported_currencies: ['usd'], features: FEATURES, nickname: 'Acme Robotics — Payroll',
  }));
  const operating = d.ids.get('operating');
  const payroll = d.ids.get('payroll');
  if (!operating || !payroll) return;
  keep('endpoint', await d.api('Register the ledger-sync webhook endpoint', '/v1/webhook_endpoints', {
    url: d.receiver.url, enabled_events: ['*'], description: 'Acme ledger-sync',
    metadata: { [DEMO_ENDPOINT_METADATA.key]: DEMO_ENDPOINT_METADATA.value },
  }));
  await d.advance(2 * HOUR);

  // Chapter 2: customers pay by ACH and an investor wires the seed round.
  d.chapter('Customers pay by ACH; an investor wires the seed round');
  for (const c of CUSTOMERS) {
    await d.api(`ACH credit from ${c.from}`, '/v1/test_helpers/treasury/received_credits', {
      financial_account: operating, amount: c.amount, currency: 'usd', network: 'ach', description: `Invoice paid — ${c.from}`,
    });
    await d.advance(5 * HOUR);
  }
  await d.api('Wire from Hooli Ventures', '/v1/test_helpers/treasury/received_credits', {
    financial_account: operating, amount: 25_000_000, currency: 'usd', network: 'us_domestic_wire', description: 'Seed round',
  });
  await d.advance(DAY);

  // Chapter 3: ledger-sync goes into maintenance just as payroll runs; its deliveries start failing and retrying.
  d.chapter('Payroll runs while ledger-sync is down for maintenance');
  d.receiver.setFailing(true);
  // Between two financial accounts the transfer settles by itself.
  await d.api('Fund payroll from operating', '/v1/treasury/outbound_transfers', {
    financial_account: operating, amount: 2_500_000, currency: 'usd', description: 'Payroll funding',
    destination_payment_method_data: { type: 'financial_account', financial_account: payroll },
  });
  const payments: Record<string, any>[] = [];
  for (const p of PAYROLL) {
    const obp = await d.api(`Payroll: ${p.name}`, '/v1/treasury/outbound_payments', {
      financial_account: payroll, amount: p.amount, currency: 'usd', description: 'Payroll — March',
      destination_payment_method_data: bank(p.name, '000123456789'),
      statement_descriptor: 'ACME PAY',
    });
    if (obp) payments.push(obp);
  }
  // Two hours of maintenance: each delivery fails at once and at its retries after 1, 5 and 30 minutes and 1 hour.
  await d.advance(2 * HOUR);
  // Chapter 4: ledger-sync comes back before the retries run out; the next retry of each delivery succeeds.
  d.chapter('ledger-sync is back: the next retries succeed; payroll posts, one payment is returned');
  d.receiver.setFailing(false);
  await d.advance(DAY - 2 * HOUR);
  // Everyone is paid but Dolores: her bank closed the account, so that payment comes back.
  for (const obp of payments.slice(0, -1)) await d.api('Payroll payment posts', `/v1/test_helpers/treasury/outbound_payments/${obp.id}/post`);
  const returned = payments[payments.length - 1];
  if (returned) {
    await d.api('Payroll payment is returned (account closed)', `/v1/test_helpers/treasury/outbound_payments/${returned.id}/return`, {
      returned_details: { code: 'account_closed' },
    });
  }
  await d.advance(6 * HOUR);

  // Chapter 5: a vendor pulls an ACH debit Acme never authorised; Acme reverses it. The bank also sends a duplicate credit that is reversed.
  d.chapter('An unauthorised debit and a duplicate credit are reversed');
  const debit = await d.api('Unauthorised ACH debit from Vandelay Imports', '/v1/test_helpers/treasury/received_debits', {
    financial_account: operating, amount: 180_000, currency: 'usd', network: 'ach', description: 'Vandelay Imports',
  });
  if (debit) await d.api('Reverse the unauthorised debit', '/v1/treasury/debit_reversals', { received_debit: debit.id });
  const duplicate = await d.api('Duplicate ACH credit from Globex', '/v1/test_helpers/treasury/received_credits', {
    financial_account: operating, amount: 1_225_000, currency: 'usd', network: 'ach', description: 'Duplicate — Globex Manufacturing',
  });
  if (duplicate) await d.api('Return the duplicate credit', '/v1/treasury/credit_reversals', { received_credit: duplicate.id });
  await d.advance(2 * HOUR);

  // Chapter 6: the owner tops up from an external bank account, and the month settles.
  d.chapter('The owner tops up from an external bank account');
  const inbound = await d.api('Top up from the external bank account', '/v1/treasury/inbound_transfers', {
    financial_account: operating, amount: 1_000_000, currency: 'usd', origin_payment_method: 'pm_usBankAccount', description: 'Owner top-up',
  });
  if (inbound) await d.api('Inbound transfer succeeds', `/v1/test_helpers/treasury/inbound_transfers/${inbound.id}/succeed`);
  await d.advance(4 * HOUR);
}
