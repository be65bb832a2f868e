import { invalidState } from '../../errors.js';

/**
 * One allowed move of a state machine: the statuses it may start from, the
 * status it ends in (absent: unchanged) and, for moves that also depend on a
 * flag, a guard that names why it is refused.
 */
export interface Transition<S extends string> {
  from: readonly S[];
  to?: S;
  /** How Stripe's message phrases the action ("posted", "canceled"). */
  verb: string;
  guard?: (obj: Record<string, any>) => string | null;
}

export type TransitionTable<S extends string, A extends string> = Readonly<Record<A, Transition<S>>>;

/** Whether the table allows the action on the object now. */
export function allows<S extends string, A extends string>(table: TransitionTable<S, A>, obj: object, action: A): boolean {
  const t = table[action];
  const o = obj as Record<string, any>;
  return t.from.includes(o.status as S) && !t.guard?.(o);
}

/**
 * The status the action leads to, or Stripe's 400 when the machine does not
 * allow it (which the caller throws before writing anything).
 */
export function transition<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  human: string,
  obj: { id: string; status: string },
  action: A,
): S {
  const t = table[action];
  if (!t.from.includes(obj.status as S)) {
    const allowed = t.from.map((s) => `\`${s}\``).join(' or ');
    throw invalidState(
      `This ${human} cannot be ${t.verb} because it has a status of \`${obj.status}\`. Only a ${human} with a status of ${allowed} can be ${t.verb}.`,
    );
  }
  const why = t.guard?.(obj as Record<string, any>);
  if (why) throw invalidState(`This ${human} cannot be ${t.verb} because ${why}.`);
  return t.to ?? (obj.status as S);
}

export type OutboundStatus = 'processing' | 'posted' | 'failed' | 'canceled' | 'returned';
export type OutboundAction = 'cancel' | 'post' | 'fail' | 'return' | 'network_return' | 'track' | 'submit' | 'reschedule';

/**
 * OutboundPayment and OutboundTransfer. `return` is the test helper (from
 * processing only, as documented); `network_return` is the bank returning a
 * posted payment later, which the sandbox does for returning test accounts.
 */
export const OUTBOUND: TransitionTable<OutboundStatus, OutboundAction> = {
  cancel: { from: ['processing'], to: 'canceled', verb: 'canceled', guard: (o) => (o.cancelable ? null : 'it has already been submitted to the network and is no longer cancelable') },
  post: { from: ['processing'], to: 'posted', verb: 'posted' },
  fail: { from: ['processing'], to: 'failed', verb: 'failed' },
  return: { from: ['processing'], to: 'returned', verb: 'returned' },
  network_return: { from: ['posted'], to: 'returned', verb: 'returned' },
  track: {
    from: ['processing', 'posted', 'returned'],
    verb: 'updated with tracking details',
    guard: (o) => (o.cancelable ? 'it is still cancelable' : o.tracking_details ? 'its tracking details have already been set' : null),
  },
  submit: { from: ['processing'], verb: 'submitted', guard: (o) => (o.cancelable ? null : 'it was already submitted') },
  reschedule: { from: ['processing'], verb: 'rescheduled' },
};

export type InboundStatus = 'processing' | 'succeeded' | 'failed' | 'canceled';
export type InboundAction = 'cancel' | 'succeed' | 'fail' | 'return';

/** InboundTransfer: a return keeps `succeeded` and sets `returned`, once. */
export const INBOUND: TransitionTable<InboundStatus, InboundAction> = {
  cancel: { from: ['processing'], to: 'canceled', verb: 'canceled', guard: (o) => (o.cancelable ? null : 'it is no longer cancelable') },
  succeed: { from: ['processing'], to: 'succeeded', verb: 'succeeded' },
  fail: { from: ['processing'], to: 'failed', verb: 'failed' },
  return: { from: ['succeeded'], verb: 'returned', guard: (o) => (o.returned ? 'it has already been returned' : null) },
};

export type CreditReversalStatus = 'processing' | 'posted' | 'canceled';

/** CreditReversal: the sandbox posts it (or, forced, cancels it); nothing moves it back. */
export const CREDIT_REVERSAL: TransitionTable<CreditReversalStatus, 'post' | 'cancel'> = {
  post: { from: ['processing'], to: 'posted', verb: 'posted' },
  cancel: { from: ['processing'], to: 'canceled', verb: 'canceled' },
};

export type DebitReversalStatus = 'processing' | 'succeeded' | 'failed';

/** DebitReversal: the network resolves it for the user (won) or against them (lost). */
export const DEBIT_REVERSAL: TransitionTable<DebitReversalStatus, 'win' | 'lose'> = {
  win: { from: ['processing'], to: 'succeeded', verb: 'resolved' },
  lose: { from: ['processing'], to: 'failed', verb: 'resolved' },
};

/** FinancialAccount: open → closed, for good. */
export const FINANCIAL_ACCOUNT_STATES: TransitionTable<'open' | 'closed', 'close'> = {
  close: { from: ['open'], to: 'closed', verb: 'closed' },
};
