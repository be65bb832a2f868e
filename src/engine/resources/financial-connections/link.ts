import type { EngineCore } from '../../context.js';
import { StripeError, invalidRequest, type StripeErrorBody } from '../../errors.js';
import { newId } from '../../ids.js';
import { atomically, stmt } from '../../store/statements.js';
import { insert, save, type Emit } from '../treasury/common.js';
import { ACCOUNT_TYPE, loadSession, putAccountSecrets, type FcAccount, type FcSession } from './common.js';
import { INSTITUTIONS, institutionById, SCHEDULED_OUTAGE_SECONDS, TEST_ROUTING, type AccountTemplate, type Institution } from './institutions.js';
import { fetchAtLink } from './refresh.js';
import { sessionNow } from './sessions.js';
import type { RefreshFeature } from './transitions.js';

/** What the end user did in the bank-linking flow: the bank, its accounts to share, the login typed. */
export interface LinkInput {
  institution: string;
  /** Keys of the institution's accounts to link; all that the session's filters allow when absent. */
  accounts?: string[];
  username?: string;
  password?: string;
}

export type FlowState = 'linked' | 'ended';

/** How far the session's flow got: linked, ended by the bank, or (undefined) still open. */
export function flowState(core: EngineCore, sessionId: string): FlowState | undefined {
  const row = stmt(core.db, 'SELECT state FROM financial_connections_flows WHERE session_id = ?').get(sessionId) as { state: FlowState } | undefined;
  return row?.state;
}

function setFlowState(core: EngineCore, sessionId: string, state: FlowState, institution: string): void {
  stmt(core.db, 'INSERT OR REPLACE INTO financial_connections_flows (session_id, state, institution) VALUES (?, ?, ?)').run(sessionId, state, institution);
}

function flowError(code: string, message: string, extra: Record<string, unknown> = {}, param?: string): StripeError {
  return new StripeError(400, {
    type: 'invalid_request_error',
    code,
    message,
    ...(param ? { param } : {}),
    ...extra,
  } as StripeErrorBody);
}

/** The bank ended the flow (Sandbox Bank's `error` password): the session can link nothing more. */
export class FlowEnded extends StripeError {}

/** Records that the bank ended the session's flow (kept even though the request that ended it failed). */
export function endFlow(core: EngineCore, sessionId: string, institution: string): void {
  setFlowState(core, sessionId, 'ended', institution);
}

/** Refuses a flow that cannot go on: already linked, or ended by the bank. */
export function requireOpenFlow(core: EngineCore, session: FcSession): void {
  const state = flowState(core, session.id);
  if (state === 'linked') {
    throw flowError('session_completed', `The Financial Connections session ${session.id} has already been completed; create a new session to link more accounts.`);
  }
  if (state === 'ended') {
    throw flowError('session_ended', `The Financial Connections session ${session.id} was ended by the institution; create a new session to try again.`);
  }
}

/** Down Banks answer before anything links: Stripe-shaped 400s the client flow tells apart. */
export function outageError(core: EngineCore, institution: Institution): StripeError | undefined {
  if (institution.outage === 'scheduled') {
    // Back at the end of a maintenance window that started on the hour.
    const back = Math.floor(core.clock.now() / 3600) * 3600 + SCHEDULED_OUTAGE_SECONDS;
    return flowError(
      'institution_unavailable',
      `${institution.name} is down for scheduled maintenance. It is expected to be available again at ${new Date(back * 1000).toISOString()}.`,
      { extra_fields: { institution_unavailable: true, expected_to_be_available_at: back } },
      'institution',
    );
  }
  if (institution.outage === 'unscheduled') {
    return flowError('institution_unavailable', `${institution.name} is currently unavailable. Try again later or pick another institution.`, { extra_fields: { institution_unavailable: true } }, 'institution');
  }
  if (institution.outage === 'error') {
    return flowError('institution_error', `An unknown error occurred while connecting to ${institution.name}. Try again later or pick another institution.`, { extra_fields: {} }, 'institution');
  }
  return undefined;
}

/** What a typed password does at Sandbox Bank (Non-OAuth): nothing, a retry, or the end of the session. */
export function credentialError(institution: Institution, password: string): StripeError | undefined {
  const p = password.trim().toLowerCase();
  if (p === 'incorrect') return flowError('incorrect_credentials', `The username or password for ${institution.name} is incorrect. Try again.`, {}, 'password');
  if (p === 'error') return new FlowEnded(400, { type: 'invalid_request_error', code: 'institution_login_error', message: `${institution.name} ended the session after an error; create a new session to try again.`, param: 'password' });
  return undefined;
}

/** The institution's accounts the session may link (its `filters.account_subcategories`). */
export function selectableAccounts(session: FcSession, institution: Institution): AccountTemplate[] {
  const subcategories = session.filters.account_subcategories as string[] | null;
  return institution.accounts.filter((a) => !subcategories || subcategories.includes(a.subcategory));
}

function institutionOf(id: string): Institution {
  const institution = institutionById(id);
  if (!institution) {
    throw invalidRequest(`No such test institution: '${id}'. Use one of ${INSTITUTIONS.map((i) => i.id).join(', ')}.`, 'institution');
  }
  return institution;
}

function choose(session: FcSession, institution: Institution, keys: string[] | undefined): AccountTemplate[] {
  const selectable = selectableAccounts(session, institution);
  const country = session.filters.country as string | null;
  if (country && country !== 'US') {
    throw invalidRequest(`${institution.name} is a US institution; this session's filters only allow ${country}.`, 'institution');
  }
  if (selectable.length === 0) throw invalidRequest(`None of ${institution.name}'s accounts match this session's filters.`, 'institution');
  let chosen = selectable;
  if (keys !== undefined) {
    if (!Array.isArray(keys) || keys.length === 0) throw invalidRequest('accounts must be a non-empty list of account keys.', 'accounts');
    chosen = keys.map((k, i) => {
      const t = selectable.find((a) => a.key === k);
      if (!t) throw invalidRequest(`${institution.name} has no account '${String(k)}' this session may link; it offers ${selectable.map((a) => a.key).join(', ')}.`, `accounts[${i}]`);
      return t;
    });
    chosen = [...new Set(chosen)];
  }
  const limit = session.limits?.accounts ?? 100;
  if (chosen.length > limit) throw invalidRequest(`This session may link at most ${limit} account(s); ${chosen.length} were chosen.`, 'accounts');
  return chosen;
}

function newAccount(core: EngineCore, session: FcSession, institution: Institution, t: AccountTemplate): FcAccount {
  const ach = t.accountNumber !== null && t.supported_payment_method_types.includes('us_bank_account');
  const withNumbers = session.permissions.includes('payment_method');
  return {
    id: newId('financial_connections.account'),
    object: ACCOUNT_TYPE,
    account_holder: session.account_holder,
    account_numbers: withNumbers ? (ach ? [{ expected_expiry_date: null, identifier_type: 'account_number', status: 'transactable', supported_networks: ['ach'] }] : []) : null,
    balance: null,
    balance_refresh: null,
    category: t.category,
    created: core.clock.now(),
    display_name: t.display_name,
    institution_name: institution.name,
    last4: t.last4,
    livemode: false,
    ownership: null,
    ownership_refresh: null,
    permissions: session.permissions,
    status: 'active',
    subcategory: t.subcategory,
    subscriptions: [],
    supported_payment_method_types: t.supported_payment_method_types,
    transaction_refresh: null,
  };
}

const PREFETCH_FEATURE: Record<string, RefreshFeature> = { balances: 'balance', ownership: 'ownership', transactions: 'transactions' };

function link(core: EngineCore, emit: Emit, sessionId: string, input: LinkInput): FcSession {
  const session = loadSession(core, sessionId, 'session');
  requireOpenFlow(core, session);
  const institution = institutionOf(input.institution);
  const outage = outageError(core, institution);
  if (outage) throw outage;
  if (institution.login === 'credentials') {
    const err = credentialError(institution, input.password ?? '');
    if (err) throw err;
  }
  const chosen = choose(session, institution, input.accounts);
  const accounts = chosen.map((t) => {
    let account = insert(core, newAccount(core, session, institution, t), session.id);
    putAccountSecrets(core, account.id, {
      institution: institution.id,
      template: t.key,
      routing_number: t.accountNumber ? TEST_ROUTING : null,
      account_number: t.accountNumber,
    });
    emit('financial_connections.account.created', account);
    for (const f of session.prefetch ?? []) account = fetchAtLink(core, emit, account, PREFETCH_FEATURE[f]);
    return account;
  });
  const linked: FcSession = { ...session, accounts: { ...session.accounts, data: accounts } };
  save(core, linked);
  setFlowState(core, session.id, 'linked', institution.id);
  return sessionNow(core, linked);
}

/**
 * Completes a session's flow as its end user would: links the chosen accounts
 * of a test institution (each `created`, prefetched data fetched), or answers
 * as the bank does (a Down Bank's 400, a wrong password). One transaction;
 * only the bank ending the session is kept when it fails.
 */
export function completeSession(core: EngineCore, emit: Emit, sessionId: string, input: LinkInput): FcSession {
  try {
    return atomically(core.db, () => link(core, emit, sessionId, input));
  } catch (err) {
    if (err instanceof FlowEnded) endFlow(core, sessionId, input.institution);
    throw err;
  }
}

