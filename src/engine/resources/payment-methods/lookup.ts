import type { EngineCore } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import { bankPaymentMethod, billingDetails, cardPaymentMethod, type PaymentMethod } from './build.js';
import { secretBox } from './secret-box.js';
import { TEST_BANK_METHODS, TEST_CARDS, TEST_ROUTING_NUMBER } from './test-methods.js';
import { readSecrets, type PaymentMethodSecrets } from './vault.js';

const TYPE = 'payment_method';

// Stripe's test cards take any CVC; forwarding needs one to inject, so the sandbox uses the usual test values.
const testCvc = (brand: string) => (brand === 'amex' ? '1234' : '123');
// Stripe requires a holder name on ACH payment methods; its docs' examples use this one.
const TEST_ACCOUNT_HOLDER = 'Jenny Rosen';

/**
 * Builds and stores the object for one of Stripe's test ids (`pm_card_visa`,
 * `pm_usBankAccount_success`, …) the first time it is used, so its created
 * time, expiry and fingerprint stay the same afterwards. The id is kept.
 */
function materializeTestMethod(core: EngineCore, id: string): PaymentMethod | undefined {
  const card = TEST_CARDS[id];
  const accountNumber = TEST_BANK_METHODS[id];
  if (!card && !accountNumber) return undefined;
  const box = secretBox(core.db);
  const created = core.clock.now();
  const now = new Date(core.clock.nowMs());
  let pm: PaymentMethod;
  if (card) {
    // Any future expiry is valid for a test card; one year from the month of first use keeps it future.
    pm = cardPaymentMethod(
      { id, created, billing: billingDetails(undefined), metadata: {} },
      { ...card, exp_month: now.getUTCMonth() + 1, exp_year: now.getUTCFullYear() + 1, cvcGiven: false },
      box,
    );
  } else {
    pm = bankPaymentMethod(
      { id, created, billing: billingDetails({ name: TEST_ACCOUNT_HOLDER }), metadata: {} },
      {
        accountNumber,
        last4: accountNumber.slice(-4),
        routingNumber: TEST_ROUTING_NUMBER,
        accountHolderType: 'individual',
        accountType: 'checking',
        financialConnectionsAccount: null,
      },
      box,
    );
  }
  core.store.insert(pm);
  return pm;
}

/**
 * The public PaymentMethod object for an id, resolving Stripe's test ids
 * (which are stored on first use, so call this inside a transaction).
 */
export function getPaymentMethod(core: EngineCore, id: string): PaymentMethod | undefined {
  return core.store.get<PaymentMethod>(id, TYPE) ?? materializeTestMethod(core, id);
}

/** Like `getPaymentMethod`, but a missing one is Stripe's 404 naming `param`. */
export function requirePaymentMethod(core: EngineCore, id: string, param = 'payment_method'): PaymentMethod {
  const pm = getPaymentMethod(core, id);
  if (!pm) throw resourceMissing('PaymentMethod', id, param);
  return pm;
}

/**
 * The private details behind a payment method (full card number, CVC, expiry
 * and holder; full bank account and routing number) for the engine's own use.
 * Never return, store in an object, emit or log what this returns.
 */
export function getPaymentMethodSecrets(core: EngineCore, id: string): PaymentMethodSecrets | undefined {
  const pm = getPaymentMethod(core, id);
  return pm ? secretsOf(core, pm) : undefined;
}

/** `getPaymentMethodSecrets` for a payment method already looked up. */
export function secretsOf(core: EngineCore, pm: PaymentMethod): PaymentMethodSecrets | undefined {
  const id = pm.id;
  const card = TEST_CARDS[id];
  if (card) {
    const c = pm.card as { exp_month: number; exp_year: number; brand: string };
    return {
      type: 'card',
      card: { number: card.number, cvc: testCvc(c.brand), exp_month: c.exp_month, exp_year: c.exp_year, name: pm.billing_details.name },
    };
  }
  const accountNumber = TEST_BANK_METHODS[id];
  if (accountNumber) {
    return {
      type: 'us_bank_account',
      us_bank_account: {
        account_number: accountNumber,
        routing_number: TEST_ROUTING_NUMBER,
        account_holder_name: pm.billing_details.name,
      },
    };
  }
  return readSecrets(core.db, id);
}
