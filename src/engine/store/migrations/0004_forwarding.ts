import type { Migration } from './index.js';

/**
 * The private side of payment methods and forwarding: secrets that must never
 * reach an object's JSON, a response or a log. Both tables hold ciphertext
 * only (AES-256-GCM under a key kept outside the database file), so a copied
 * or shared database leaks no card number, CVC, account number or API key.
 */
export const migration: Migration = {
  name: '0004_forwarding',
  sql: `
    -- One row per payment method created with raw details (Stripe's test ids need none).
    CREATE TABLE payment_method_vault (
      payment_method_id TEXT PRIMARY KEY,
      sealed TEXT NOT NULL
    );

    -- Forwarding destinations: the sandbox's stand-in for Stripe's onboarding.
    -- data is the config as the control API shows it (secret names only); sealed holds the values.
    CREATE TABLE forwarding_configs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      created_ms INTEGER NOT NULL,
      data TEXT NOT NULL,
      sealed TEXT NOT NULL
    );
  `,
};
