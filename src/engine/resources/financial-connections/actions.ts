import type { ObjectAction } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import type { FcAccount } from './common.js';
import { accountAllows, FEATURES, type RefreshFeature } from './transitions.js';

const ACCOUNTS = '/v1/financial_connections/accounts';
const CONTROLS = '/_counterfoil/financial_connections';

/** Institutions the dashboard offers as one-click completions (the hosted page offers them all). */
const QUICK_LINKS: [string, string][] = [
  ['test_institution', 'Link Test Institution'],
  ['ownership_accounts', 'Link Ownership Accounts'],
  ['down_bank_scheduled', 'Try Down Bank (Scheduled)'],
];

const account = (o: StripeObject) => o as FcAccount;
const pending = (o: StripeObject, f: RefreshFeature) => account(o)[FEATURES[f].field]?.status === 'pending';
const canRefresh = (o: StripeObject, f: RefreshFeature) =>
  accountAllows(o, 'refresh') && account(o).permissions.includes(FEATURES[f].permission) && !pending(o, f);

function refreshActions(): ObjectAction[] {
  return (Object.keys(FEATURES) as RefreshFeature[]).flatMap((f): ObjectAction[] => [
    {
      name: `refresh_${f}`,
      label: `Refresh ${f}`,
      available: (o) => canRefresh(o, f),
      request: (o) => ({ method: 'POST', path: `${ACCOUNTS}/${o.id}/refresh`, body: { features: [f] } }),
    },
    {
      name: `finish_${f}`,
      label: `Finish ${f} refresh`,
      available: (o) => pending(o, f),
      request: (o) => ({ method: 'POST', path: `${CONTROLS}/accounts/${o.id}/refresh/finish`, body: { feature: f, status: 'succeeded' } }),
    },
    {
      name: `fail_${f}`,
      label: `Fail ${f} refresh`,
      available: (o) => pending(o, f),
      request: (o) => ({ method: 'POST', path: `${CONTROLS}/accounts/${o.id}/refresh/finish`, body: { feature: f, status: 'failed' } }),
    },
  ]);
}

/** The buttons the dashboard shows on sessions and linked accounts, legal exactly when the state allows them. */
export const financialConnectionsActions: Record<string, ObjectAction[]> = {
  'financial_connections.session': QUICK_LINKS.map(([institution, label]) => ({
    name: `complete_${institution}`,
    label,
    // A session whose flow completed lists its accounts; one that has none is still open (or ended by the bank, which the control says).
    available: (o) => ((o.accounts as { data: unknown[] }).data ?? []).length === 0,
    request: (o) => ({ method: 'POST', path: `${CONTROLS}/sessions/${o.id}/complete`, body: { institution } }),
  })),
  'financial_connections.account': [
    { name: 'deactivate', label: 'Deactivate', available: (o) => accountAllows(o, 'deactivate'), request: (o) => ({ method: 'POST', path: `${CONTROLS}/accounts/${o.id}/deactivate` }) },
    { name: 'reactivate', label: 'Reactivate', available: (o) => accountAllows(o, 'reactivate'), request: (o) => ({ method: 'POST', path: `${CONTROLS}/accounts/${o.id}/reactivate` }) },
    { name: 'disconnect', label: 'Disconnect', available: (o) => accountAllows(o, 'disconnect'), request: (o) => ({ method: 'POST', path: `${ACCOUNTS}/${o.id}/disconnect` }) },
    ...refreshActions(),
    {
      name: 'subscribe',
      label: 'Subscribe to transactions',
      available: (o) => accountAllows(o, 'subscribe') && account(o).permissions.includes('transactions') && !account(o).subscriptions.includes('transactions'),
      request: (o) => ({ method: 'POST', path: `${ACCOUNTS}/${o.id}/subscribe`, body: { features: ['transactions'] } }),
    },
    {
      name: 'unsubscribe',
      label: 'Unsubscribe',
      available: (o) => accountAllows(o, 'unsubscribe') && account(o).subscriptions.includes('transactions'),
      request: (o) => ({ method: 'POST', path: `${ACCOUNTS}/${o.id}/unsubscribe`, body: { features: ['transactions'] } }),
    },
  ],
};
