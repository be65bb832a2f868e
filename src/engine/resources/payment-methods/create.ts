import type { EngineCore } from '../../context.js';
import { StripeError, invalidRequest, parameterMissing } from '../../errors.js';
import { bankNumbersForPaymentMethod } from '../financial-connections/payment-method.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { billingDetails, bankPaymentMethod, cardPaymentMethod, type PaymentMethod } from './build.js';
import { cardBrand, luhnValid, normalizeCardNumber } from './card-brand.js';
import { secretBox } from './secret-box.js';
import { TEST_CARDS } from './test-methods.js';
import { putSecrets, type PaymentMethodSecrets } from './vault.js';

function cardError(code: string, message: string, param: string): StripeError {
  return new StripeError(402, {
    type: 'card_error',
    code,
    message,
    param,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
  });
}

/** Stripe's card checks at creation: Luhn, expiry month and year not past, CVC digits. */
function checkCard(core: EngineCore, card: Record<string, any>, prefix: string) {
  const number = normalizeCardNumber(String(card.number));
  if (!luhnValid(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', `${prefix}[number]`);
  const month = Number(card.exp_month);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", `${prefix}[exp_month]`);
  }
  // Two-digit years are accepted, as Stripe does.
  const year = Number(card.exp_year) < 100 ? 2000 + Number(card.exp_year) : Number(card.exp_year);
  const now = new Date(core.clock.nowMs());
  const nowYear = now.getUTCFullYear();
  if (year < nowYear || year > nowYear + 50) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", `${prefix}[exp_year]`);
  }
  if (year === nowYear && month < now.getUTCMonth() + 1) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", `${prefix}[exp_month]`);
  }
  const brand = cardBrand(number);
  const cvc = card.cvc === undefined || card.cvc === '' ? null : String(card.cvc);
  if (cvc !== null && !/^\d{3,4}$/.test(cvc)) {
    throw cardError('invalid_cvc', "Your card's security code is invalid.", `${prefix}[cvc]`);
  }
  return { number, month, year, brand, cvc };
}

/** A param's name under a prefix: `card[number]` under `x` is `x[card][number]`. */
function nested(prefix: string, p: string): string {
  if (!prefix) return p;
  const i = p.indexOf('[');
  return i === -1 ? `${prefix}[${p}]` : `${prefix}[${p.slice(0, i)}]${p.slice(i)}`;
}

/** ABA routing numbers: nine digits whose weighted sum (3, 7, 1) is a multiple of 10. */
function routingValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

function checkBank(core: EngineCore, bank: Record<string, any>, prefix: string) {
  const fcId: string | undefined = bank.financial_connections_account || undefined;
  if (fcId) {
    // A linked account brings its own numbers: the bank details come from Financial Connections, not the request.
    for (const p of ['account_number', 'routing_number'] as const) {
      if (bank[p] !== undefined) throw invalidRequest(`You cannot pass ${prefix}[${p}] with ${prefix}[financial_connections_account].`, `${prefix}[${p}]`);
    }
    const linked = bankNumbersForPaymentMethod(core, fcId, `${prefix}[financial_connections_account]`);
    return { accountNumber: linked.accountNumber, routingNumber: linked.routingNumber, last4: linked.last4, fcId, accountType: linked.accountType };
  }
  if (bank.account_number === undefined) throw parameterMissing(`${prefix}[account_number]`);
  if (bank.routing_number === undefined) throw parameterMissing(`${prefix}[routing_number]`);
  const accountNumber = String(bank.account_number).trim();
  const routingNumber = String(bank.routing_number).trim();
  if (!routingValid(routingNumber)) {
    throw invalidRequest('Invalid routing number', `${prefix}[routing_number]`, 'routing_number_invalid');
  }
  if (!/^\d{4,17}$/.test(accountNumber)) {
    throw invalidRequest(
      'Invalid account number: must contain only digits, and be at most 17 digits long',
      `${prefix}[account_number]`,
      'account_number_invalid',
    );
  }
  return { accountNumber, routingNumber, last4: accountNumber.slice(-4), fcId: null, accountType: undefined };
}

/**
 * Creates a payment method from `POST /v1/payment_methods` params (or a
 * `destination_payment_method_data` hash of the same shape): checks the details
 * as Stripe does, stores the object and seals its secrets in the vault. Call it
 * inside a transaction. `prefix` names the params in errors.
 */
export function createPaymentMethod(core: EngineCore, params: Record<string, any>, prefix = ''): PaymentMethod {
  const name = (p: string) => nested(prefix, p);
  const box = secretBox(core.db);
  const billing = billingDetails(params.billing_details);
  const base = {
    id: newId('payment_method'),
    created: core.clock.now(),
    billing,
    metadata: applyMetadata({}, params.metadata),
    allowRedisplay: params.allow_redisplay,
  };
  let pm: PaymentMethod;
  let secrets: PaymentMethodSecrets;
  if (params.type === 'card') {
    if (!params.card) throw parameterMissing(name('card'));
    const c = checkCard(core, params.card, name('card'));
    const known = Object.values(TEST_CARDS).find((t) => t.number === c.number);
    pm = cardPaymentMethod(
      base,
      {
        number: c.number,
        brand: c.brand,
        funding: known?.funding ?? 'unknown',
        country: known?.country ?? null,
        exp_month: c.month,
        exp_year: c.year,
        cvcGiven: c.cvc !== null,
      },
      box,
    );
    secrets = { type: 'card', card: { number: c.number, cvc: c.cvc, exp_month: c.month, exp_year: c.year, name: billing.name } };
  } else if (params.type === 'us_bank_account') {
    if (!params.us_bank_account) throw parameterMissing(name('us_bank_account'));
    // Stripe requires the account holder's name for ACH payment methods.
    if (!billing.name) throw parameterMissing(name('billing_details[name]'));
    const b = checkBank(core, params.us_bank_account, name('us_bank_account'));
    pm = bankPaymentMethod(
      base,
      {
        accountNumber: b.accountNumber,
        last4: b.last4,
        routingNumber: b.routingNumber,
        accountHolderType: params.us_bank_account.account_holder_type ?? null,
        accountType: params.us_bank_account.account_type ?? b.accountType ?? 'checking',
        financialConnectionsAccount: b.fcId,
      },
      box,
    );
    secrets = {
      type: 'us_bank_account',
      us_bank_account: { account_number: b.accountNumber, routing_number: b.routingNumber, account_holder_name: billing.name },
    };
  } else {
    throw invalidRequest(`Invalid ${name('type')}: must be one of card or us_bank_account`, name('type'));
  }
  core.store.insert(pm);
  putSecrets(core.db, pm.id, secrets);
  core.changes.publish({ kind: 'object', type: 'payment_method', id: pm.id });
  return pm;
}
