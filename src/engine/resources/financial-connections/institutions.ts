/**
 * Stripe's Financial Connections test institutions (docs.stripe.com/financial-connections/testing)
 * and the accounts each one links. The names, the kinds of login and the Down
 * Banks are Stripe's; the account sets, numbers, balances and owners are the
 * sandbox's own (Stripe does not publish them), chosen so that each account
 * number means what the ACH test numbers mean (routing 110000000).
 */

export type Category = 'cash' | 'credit' | 'investment' | 'other';
export type Subcategory = 'checking' | 'credit_card' | 'line_of_credit' | 'mortgage' | 'other' | 'savings';

export interface TestOwner {
  name: string;
  email: string | null;
  phone: string | null;
  raw_address: string | null;
}

/** How a generated transaction history looks for one kind of account. */
export type HistoryKind = 'checking' | 'savings' | 'credit_card';

export interface AccountTemplate {
  /** Stable key within the institution: what the complete control's `accounts[]` names. */
  key: string;
  display_name: string;
  category: Category;
  subcategory: Subcategory;
  last4: string;
  /** The full account number (routing 110000000) for accounts ACH can debit; null otherwise. */
  accountNumber: string | null;
  supported_payment_method_types: ('link' | 'us_bank_account')[];
  /** Minor units of usd: the current balance, and what is available (cash) or used (credit). */
  balance: { current: number; available: number };
  /** Owners returned by an ownership refresh; null: the bank has no ownership data (the refresh fails). */
  owners: TestOwner[] | null;
  history: HistoryKind;
  /** How far back a first transaction refresh reaches. */
  historyDays: number;
}

export type Login = 'direct' | 'oauth' | 'credentials';
export type Outage = 'scheduled' | 'unscheduled' | 'error';

export interface Institution {
  /** The test institution's name in snake_case: the complete control's `institution`. */
  id: string;
  name: string;
  login: Login;
  /** Down Banks fail before any account links. */
  outage?: Outage;
  accounts: AccountTemplate[];
  blurb: string;
}

export const TEST_ROUTING = '110000000';

const JENNY: TestOwner = { name: 'Jenny Rosen', email: 'jenny.rosen@example.com', phone: '+1 555-555-0100', raw_address: '510 Townsend St, San Francisco, CA 94103' };
const JAMIE: TestOwner = { name: 'Jamie Rosen', email: 'jamie.rosen@example.com', phone: '+1 555-555-0101', raw_address: '510 Townsend St, San Francisco, CA 94103' };

const checking = (o: Partial<AccountTemplate> = {}): AccountTemplate => ({
  key: 'checking',
  display_name: 'Sample Checking Account',
  category: 'cash',
  subcategory: 'checking',
  last4: '6789',
  // Stripe's "payment succeeds" ACH test number: money pulled from it arrives.
  accountNumber: '000123456789',
  supported_payment_method_types: ['link', 'us_bank_account'],
  balance: { current: 1_250_000, available: 1_225_000 },
  owners: [JENNY],
  history: 'checking',
  historyDays: 180,
  ...o,
});

const savings = (o: Partial<AccountTemplate> = {}): AccountTemplate => ({
  key: 'savings',
  display_name: 'Sample Savings Account',
  category: 'cash',
  subcategory: 'savings',
  last4: '4321',
  accountNumber: '000987654321',
  supported_payment_method_types: ['link', 'us_bank_account'],
  balance: { current: 4_800_000, available: 4_800_000 },
  owners: [JENNY],
  history: 'savings',
  historyDays: 180,
  ...o,
});

const creditCard = (o: Partial<AccountTemplate> = {}): AccountTemplate => ({
  key: 'credit_card',
  display_name: 'Sample Credit Card',
  category: 'credit',
  subcategory: 'credit_card',
  last4: '4444',
  accountNumber: null,
  supported_payment_method_types: [],
  balance: { current: -185_000, available: 185_000 },
  owners: [JENNY],
  history: 'credit_card',
  historyDays: 180,
  ...o,
});

const BASIC = [checking(), savings(), creditCard()];

/** Every test institution, in the order the hosted flow lists them. */
export const INSTITUTIONS: Institution[] = [
  { id: 'test_institution', name: 'Test Institution', login: 'direct', accounts: BASIC, blurb: 'A successful login with a basic set of accounts.' },
  { id: 'test_oauth_institution', name: 'Test OAuth Institution', login: 'oauth', accounts: BASIC, blurb: 'The same accounts, behind an OAuth step.' },
  {
    id: 'ownership_accounts',
    name: 'Ownership Accounts',
    login: 'direct',
    blurb: 'Accounts in different ownership states.',
    accounts: [
      checking({ key: 'single_owner', display_name: 'Individual Checking', owners: [JENNY] }),
      checking({ key: 'joint', display_name: 'Joint Checking', last4: '0001', accountNumber: '000111000001', owners: [JENNY, JAMIE] }),
      checking({
        key: 'partial_owner',
        display_name: 'Checking (owner name only)',
        last4: '0002',
        accountNumber: '000111000002',
        owners: [{ name: 'J. Rosen', email: null, phone: null, raw_address: null }],
      }),
      checking({ key: 'no_ownership', display_name: 'Checking (no ownership data)', last4: '0003', accountNumber: '000111000003', owners: null }),
    ],
  },
  {
    id: 'sandbox_bank_non_oauth',
    name: 'Sandbox Bank (Non-OAuth)',
    login: 'credentials',
    blurb: 'A login form: any username and password; magic passwords bring up prompts or errors.',
    accounts: [
      checking({ display_name: 'Primary Checking' }),
      // Stripe's "insufficient funds" ACH test number: a pull from it fails.
      savings({ display_name: 'High Yield Savings', last4: '2227', accountNumber: '000222222227' }),
      creditCard({ display_name: 'Sandbox Rewards Card', last4: '8431' }),
    ],
  },
  {
    id: 'sandbox_bank_oauth',
    name: 'Sandbox Bank (OAuth)',
    login: 'oauth',
    blurb: 'An OAuth step with an account picker.',
    accounts: [checking({ display_name: 'Primary Checking' }), savings({ display_name: 'High Yield Savings', last4: '2227', accountNumber: '000222222227' })],
  },
  {
    id: 'invalid_payment_accounts',
    name: 'Invalid Payment Accounts',
    login: 'direct',
    blurb: 'Accounts that cannot be used for ACH payments.',
    accounts: [
      checking({ key: 'checking', display_name: 'Checking (no ACH)', last4: '9991', accountNumber: null, supported_payment_method_types: [] }),
      savings({ key: 'savings', display_name: 'Savings (no ACH)', last4: '9992', accountNumber: null, supported_payment_method_types: [] }),
      {
        ...creditCard({ key: 'line_of_credit', display_name: 'Line of Credit', last4: '9993' }),
        subcategory: 'line_of_credit',
      },
    ],
  },
  { id: 'down_bank_scheduled', name: 'Down Bank (Scheduled)', login: 'direct', outage: 'scheduled', accounts: [], blurb: 'Its login is down for an announced maintenance window.' },
  { id: 'down_bank_unscheduled', name: 'Down Bank (Unscheduled)', login: 'direct', outage: 'unscheduled', accounts: [], blurb: 'Its login is down, with no notice.' },
  { id: 'down_bank_error', name: 'Down Bank (Error)', login: 'direct', outage: 'error', accounts: [], blurb: 'Reaching the bank fails with an unknown error.' },
];

const BY_ID = new Map(INSTITUTIONS.map((i) => [i.id, i]));

/** The test institution with this snake_case id. */
export function institutionById(id: string): Institution | undefined {
  return BY_ID.get(id);
}

/** How long a scheduled Down Bank's maintenance window lasts, in seconds. */
export const SCHEDULED_OUTAGE_SECONDS = 2 * 3600;

/**
 * The magic passwords of Sandbox Bank (Non-OAuth). The prompts are played by
 * the hosted page; through the control they count as answered.
 */
export const PROMPT_PASSWORDS = ['options', 'mfa', 'confirm_mfa', 'security_question'] as const;
export type Prompt = (typeof PROMPT_PASSWORDS)[number];

/** The prompt a magic password brings up, if it is one. */
export function promptFor(password: string): Prompt | undefined {
  const p = password.trim().toLowerCase();
  return PROMPT_PASSWORDS.find((w) => w === p);
}
