import type { Db } from '../../store/db.js';
import { secretBox } from './secret-box.js';

/**
 * The private details of a payment method: what forwarding injects and what
 * Treasury sends to a bank. For the engine's own use only — never put them in
 * an object, a response, an event or a log line.
 */
export type PaymentMethodSecrets =
  | {
      type: 'card';
      card: { number: string; cvc: string | null; exp_month: number; exp_year: number; name: string | null };
    }
  | {
      type: 'us_bank_account';
      us_bank_account: {
        /** Null only for a method made from a Financial Connections account whose number the sandbox never saw. */
        account_number: string | null;
        routing_number: string | null;
        account_holder_name: string | null;
      };
    };

// Forwarding reads the vault on every request: statements are prepared once per database.
const cache = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: Db) {
  return {
    insert: db.prepare('INSERT INTO payment_method_vault (payment_method_id, sealed) VALUES (?, ?)'),
    read: db.prepare('SELECT sealed FROM payment_method_vault WHERE payment_method_id = ?'),
    update: db.prepare('UPDATE payment_method_vault SET sealed = ? WHERE payment_method_id = ?'),
  };
}

function statements(db: Db) {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepareStatements(db)));
  return s;
}

/** Stores a payment method's secrets, sealed. */
export function putSecrets(db: Db, paymentMethodId: string, secrets: PaymentMethodSecrets): void {
  statements(db).insert.run(paymentMethodId, secretBox(db).seal(secrets));
}

/** A payment method's stored secrets, if the vault has them. */
export function readSecrets(db: Db, paymentMethodId: string): PaymentMethodSecrets | undefined {
  const row = statements(db).read.get(paymentMethodId) as { sealed: string } | undefined;
  return row ? secretBox(db).open<PaymentMethodSecrets>(row.sealed) : undefined;
}

/**
 * Forgets a card's CVC: Stripe's CVCs expire once forwarded. Returns false when
 * the vault holds nothing for this id (Stripe's test ids, whose CVC never expires).
 */
export function forgetCvc(db: Db, paymentMethodId: string): boolean {
  const secrets = readSecrets(db, paymentMethodId);
  if (secrets?.type !== 'card' || secrets.card.cvc === null) return false;
  statements(db).update.run(secretBox(db).seal({ ...secrets, card: { ...secrets.card, cvc: null } }), paymentMethodId);
  return true;
}
