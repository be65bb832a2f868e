import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { EmptyState } from '../../components/EmptyState';
import { LedgerBanner } from './LedgerBanner';
import { TimelineFilters } from './TimelineFilters';
import { TimelineList } from './TimelineList';
import { BalanceCharts } from './BalanceCharts';

export function TimelineView() {
  const { total, accounts, filter, setView, runDemo, client, apiKey } = useDashboard(
    useShallow((s) => ({
      total: s.total,
      accounts: s.accounts.length,
      filter: s.filter,
      setView: s.setView,
      runDemo: s.runDemo,
      client: s.client,
      apiKey: s.info?.api_key,
    })),
  );
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== '');
  const nothingYet = total === 0 && !filtered;
  const base = client?.connection.baseUrl ?? '';

  return (
    <section className="timeline-view">
      <LedgerBanner />
      {nothingYet ? (
        <EmptyState
          testId="timeline-empty"
          title={accounts === 0 ? 'No money has moved yet' : 'No entries yet'}
          command={
            accounts === 0
              ? `curl ${base}/v1/treasury/financial_accounts -u ${apiKey}: -d "supported_currencies[]=usd" -d "features[financial_addresses][aba][requested]=true"`
              : `curl ${base}/v1/test_helpers/treasury/received_credits -u ${apiKey}: -d financial_account=<fa_id> -d amount=125000 -d currency=usd -d network=ach`
          }
          intro={
            accounts === 0
              ? 'Create a financial account, then move money into it: paste this line in a terminal, or point the Stripe SDK at the API URL below.'
              : 'Send a received credit to one of your financial accounts:'
          }
        >
          <div className="row gap">
            <button className="button primary" data-testid="empty-create-account" onClick={() => setView('controls')}>
              {accounts === 0 ? 'Create a financial account' : 'Open the controls'}
            </button>
            <button className="button" onClick={() => void runDemo()}>
              Load the demo scenario
            </button>
          </div>
        </EmptyState>
      ) : (
        <>
          <BalanceCharts />
          <TimelineFilters />
          <TimelineList />
        </>
      )}
    </section>
  );
}
