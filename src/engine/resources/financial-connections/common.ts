import type { EngineCore } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import { secretBox } from '../payment-methods/secret-box.js';
import { load } from '../treasury/common.js';
import type { RefreshStatus } from './transitions.js';

export const SESSION = 'financial_connections.session';
export const ACCOUNT_TYPE = 'financial_connections.account';
export const OWNERSHIP = 'financial_connections.account_ownership';
export const OWNER = 'financial_connections.account_owner';
export const TRANSACTION = 'financial_connections.transaction';

export interface AccountHolder {
  type: 'customer' | 'account';
  customer?: string;
  account?: string;
}

export interface Refresh {
  last_attempted_at: number;
  next_refresh_available_at: number | null;
  status: RefreshStatus;
  id?: string;
}

export type FcAccount = StripeObject & {
  object: typeof ACCOUNT_TYPE;
  account_holder: AccountHolder | null;
  balance: Record<string, any> | null;
  balance_refresh: Refresh | null;
  category: string;
  created: number;
  display_name: string | null;
  institution_name: string;
  last4: string | null;
  ownership: string | null;
  ownership_refresh: Refresh | null;
  permissions: string[];
  status: 'active' | 'inactive' | 'disconnected';
  subcategory: string;
  subscriptions: string[];
  supported_payment_method_types: string[];
  transaction_refresh: Refresh | null;
};

export type FcSession = StripeObject & {
  object: typeof SESSION;
  account_holder: AccountHolder;
  accounts: { object: 'list'; data: FcAccount[]; has_more: boolean; url: string };
  client_secret: string;
  permissions: string[];
  prefetch: string[] | null;
  filters: Record<string, any>;
  limits?: { accounts: number };
};

/** The private facts of a linked account: which test institution account it is, and its bank numbers. */
export interface AccountSecrets {
  institution: string;
  template: string;
  routing_number: string | null;
  account_number: string | null;
}

export function loadAccount(core: EngineCore, id: string, param = 'account'): FcAccount {
  return load<FcAccount>(core, ACCOUNT_TYPE, id, 'financial connections account', param);
}

export function loadSession(core: EngineCore, id: string, param = 'session'): FcSession {
  return load<FcSession>(core, SESSION, id, 'financial connections session', param);
}

/** Keeps a linked account's numbers, sealed, off its object. */
export function putAccountSecrets(core: EngineCore, accountId: string, secrets: AccountSecrets): void {
  stmt(core.db, 'INSERT INTO financial_connections_account_numbers (account_id, sealed) VALUES (?, ?)').run(accountId, secretBox(core.db).seal(secrets));
}

/** A linked account's private facts (every account the sandbox linked has them). */
export function accountSecrets(core: EngineCore, accountId: string): AccountSecrets {
  const row = stmt(core.db, 'SELECT sealed FROM financial_connections_account_numbers WHERE account_id = ?').get(accountId) as { sealed: string } | undefined;
  if (!row) throw resourceMissing('financial connections account', accountId, 'account');
  return secretBox(core.db).open<AccountSecrets>(row.sealed);
}
