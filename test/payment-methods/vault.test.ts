import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import {
  createPaymentMethod,
  getPaymentMethod,
  getPaymentMethodSecrets,
  testBankBehaviour,
} from '../../src/engine/resources/payment-methods/index.js';
import { startServer } from '../support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'counterfoil-vault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nextYear = new Date().getUTCFullYear() + 1;
const CARD = '4000056655665556';
const ACCOUNT = '000987654321';

/** Every byte of the database and its WAL/SHM files, as latin1 text. */
function databaseBytes(dbPath: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith(dbPath.split('/').pop()!) && !f.endsWith('.vault-key'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('payment method vault', () => {
  it('card numbers, CVCs and account numbers are in no database file, request log or response, yet the engine can read them', async () => {
    const dbPath = join(dir, 'vault.sqlite');
    const server = await startServer({ dbPath });
    const card = await server.stripe.paymentMethods.create({
      type: 'card',
      card: { number: CARD, exp_month: 7, exp_year: nextYear, cvc: '739' },
      billing_details: { name: 'Grace Hopper' },
    });
    const bank = await server.stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: { account_number: ACCOUNT, routing_number: '110000000' },
      billing_details: { name: 'Grace Hopper' },
    });
    const responses = JSON.stringify([card, bank, await server.stripe.paymentMethods.retrieve(card.id)]);
    server.engine.flushLog();
    const log = JSON.stringify(server.engine.core.db.prepare('SELECT params, response FROM request_log').all());
    expect(log).toContain('************5556');
    await server.close();

    for (const text of [responses, log, databaseBytes(dbPath)]) {
      expect(text).not.toContain(CARD);
      expect(text).not.toContain(ACCOUNT);
      expect(text).not.toMatch(/"cvc"\s*:\s*"739"/);
    }

    // A restarted engine opens the vault with the key kept beside the database.
    const engine = createEngine({ dbPath, port: 0 });
    try {
      expect(getPaymentMethodSecrets(engine.core, card.id)).toEqual({
        type: 'card',
        card: { number: CARD, cvc: '739', exp_month: 7, exp_year: nextYear, name: 'Grace Hopper' },
      });
      expect(getPaymentMethodSecrets(engine.core, bank.id)).toEqual({
        type: 'us_bank_account',
        us_bank_account: { account_number: ACCOUNT, routing_number: '110000000', account_holder_name: 'Grace Hopper' },
      });
    } finally {
      await engine.stop();
    }
  });
});

describe('payment method lookup for engine code', () => {
  it("resolves Stripe's test ids with their full numbers, and unknown ids to undefined", async () => {
    const engine = createEngine({ dbPath: ':memory:', port: 0 });
    try {
      const core = engine.core;
      expect(getPaymentMethodSecrets(core, 'pm_card_amex')).toMatchObject({
        type: 'card',
        card: { number: '378282246310005', cvc: '1234' },
      });
      expect(getPaymentMethodSecrets(core, 'pm_usBankAccount_accountClosed')).toMatchObject({
        us_bank_account: { account_number: '000111111113', routing_number: '110000000' },
      });
      expect(getPaymentMethod(core, 'pm_nope')).toBeUndefined();
      expect(getPaymentMethodSecrets(core, 'pm_nope')).toBeUndefined();
    } finally {
      await engine.stop();
    }
  });

  it('creates a bank payment method from inline data (destination_payment_method_data) and names params under the prefix', async () => {
    const engine = createEngine({ dbPath: ':memory:', port: 0 });
    try {
      const core = engine.core;
      const data = {
        type: 'us_bank_account',
        us_bank_account: { account_number: '000111111116', routing_number: '110000000' },
        billing_details: { name: 'Vendor' },
      };
      const pm = core.db.transaction(() => createPaymentMethod(core, data, 'destination_payment_method_data'))();
      expect(pm.us_bank_account).toMatchObject({ last4: '1116' });
      const secrets = getPaymentMethodSecrets(core, pm.id);
      expect(secrets?.type === 'us_bank_account' && secrets.us_bank_account.account_number).toBe('000111111116');
      expect(testBankBehaviour('110000000', '000111111116')).toMatchObject({ treasury: { to: 'returned', code: 'no_account' } });
      const err = (() => {
        try {
          createPaymentMethod(core, { ...data, billing_details: {} }, 'destination_payment_method_data');
        } catch (e) {
          return e as { body: { param: string } };
        }
      })();
      expect(err?.body.param).toBe('destination_payment_method_data[billing_details][name]');
    } finally {
      await engine.stop();
    }
  });
});
