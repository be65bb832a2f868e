import type { ObjectAction } from '../../context.js';
import { isZeroBalance, type Balance } from '../../ledger/impact.js';
import type { StripeObject } from '../../store/objects.js';
import { allows, CREDIT_REVERSAL, DEBIT_REVERSAL, INBOUND, OUTBOUND, type OutboundAction } from './transitions.js';

type Req = ReturnType<ObjectAction['request']>;

function outboundActions(base: string, helpers: string): ObjectAction[] {
  const act = (name: OutboundAction, label: string, request: (o: StripeObject) => Req): ObjectAction => ({
    name: name === 'track' ? 'tracking_details' : name,
    label,
    available: (o) => allows(OUTBOUND, o, name),
    request,
  });
  return [
    act('cancel', 'Cancel', (o) => ({ method: 'POST', path: `${base}/${o.id}/cancel` })),
    act('post', 'Post', (o) => ({ method: 'POST', path: `${helpers}/${o.id}/post` })),
    act('fail', 'Fail', (o) => ({ method: 'POST', path: `${helpers}/${o.id}/fail` })),
    act('return', 'Return', (o) => ({ method: 'POST', path: `${helpers}/${o.id}/return`, body: { returned_details: { code: 'declined' } } })),
    act('track', 'Add tracking details', (o) => ({ method: 'POST', path: `${helpers}/${o.id}`, body: { tracking_details: trackingFor(o) } })),
  ];
}

/** Plausible network references for the tracking helper, derived from the id so a resend is identical. */
function trackingFor(o: StripeObject): Record<string, unknown> {
  const network = (o.destination_payment_method_details as { us_bank_account?: { network?: string } } | null)?.us_bank_account?.network;
  const digits = [...o.id].map((c) => c.charCodeAt(0) % 10).join('').slice(-15).padStart(15, '0');
  return network === 'us_domestic_wire'
    ? { type: 'us_domestic_wire', us_domestic_wire: { imad: `20260101MMQFMP${digits.slice(-8)}` } }
    : { type: 'ach', ach: { trace_id: digits } };
}

function reversible(o: StripeObject): boolean {
  const details = o.reversal_details as { restricted_reason: string | null } | null;
  return o.status === 'succeeded' && details !== null && details.restricted_reason === null;
}

const IBT = '/v1/treasury/inbound_transfers';
const IBT_HELPERS = '/v1/test_helpers/treasury/inbound_transfers';

/** The buttons the UI may show on each Treasury object, legal exactly when the state machine allows them. */
export const treasuryActions: Record<string, ObjectAction[]> = {
  'treasury.outbound_payment': outboundActions('/v1/treasury/outbound_payments', '/v1/test_helpers/treasury/outbound_payments'),
  'treasury.outbound_transfer': outboundActions('/v1/treasury/outbound_transfers', '/v1/test_helpers/treasury/outbound_transfers'),
  'treasury.inbound_transfer': [
    { name: 'cancel', label: 'Cancel', available: (o) => allows(INBOUND, o, 'cancel'), request: (o) => ({ method: 'POST', path: `${IBT}/${o.id}/cancel` }) },
    { name: 'succeed', label: 'Succeed', available: (o) => allows(INBOUND, o, 'succeed'), request: (o) => ({ method: 'POST', path: `${IBT_HELPERS}/${o.id}/succeed` }) },
    {
      name: 'fail',
      label: 'Fail',
      available: (o) => allows(INBOUND, o, 'fail'),
      request: (o) => ({ method: 'POST', path: `${IBT_HELPERS}/${o.id}/fail`, body: { failure_details: { code: 'insufficient_funds' } } }),
    },
    { name: 'return', label: 'Return', available: (o) => allows(INBOUND, o, 'return'), request: (o) => ({ method: 'POST', path: `${IBT_HELPERS}/${o.id}/return` }) },
  ],
  'treasury.credit_reversal': [
    { name: 'post', label: 'Post now', available: (o) => allows(CREDIT_REVERSAL, o, 'post'), request: (o) => ({ method: 'POST', path: `/_counterfoil/treasury/credit_reversals/${o.id}/post` }) },
    { name: 'cancel', label: 'Cancel', available: (o) => allows(CREDIT_REVERSAL, o, 'cancel'), request: (o) => ({ method: 'POST', path: `/_counterfoil/treasury/credit_reversals/${o.id}/cancel` }) },
  ],
  'treasury.debit_reversal': [
    {
      name: 'resolve',
      label: 'Resolve: won',
      available: (o) => allows(DEBIT_REVERSAL, o, 'win'),
      request: (o) => ({ method: 'POST', path: `/_counterfoil/treasury/debit_reversals/${o.id}/resolve`, body: { outcome: 'won' } }),
    },
    {
      name: 'resolve_lost',
      label: 'Resolve: lost',
      available: (o) => allows(DEBIT_REVERSAL, o, 'lose'),
      request: (o) => ({ method: 'POST', path: `/_counterfoil/treasury/debit_reversals/${o.id}/resolve`, body: { outcome: 'lost' } }),
    },
  ],
  'treasury.received_credit': [
    { name: 'reverse', label: 'Reverse', available: reversible, request: (o) => ({ method: 'POST', path: '/v1/treasury/credit_reversals', body: { received_credit: o.id } }) },
  ],
  'treasury.received_debit': [
    { name: 'reverse', label: 'Reverse', available: reversible, request: (o) => ({ method: 'POST', path: '/v1/treasury/debit_reversals', body: { received_debit: o.id } }) },
  ],
  'treasury.financial_account': [
    {
      name: 'close',
      label: 'Close',
      available: (o) => o.status === 'open' && isZeroBalance(o.balance as Balance),
      request: (o) => ({ method: 'POST', path: `/v1/treasury/financial_accounts/${o.id}/close` }),
    },
  ],
};
