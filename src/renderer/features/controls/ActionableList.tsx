import { useShallow } from 'zustand/react/shallow';
import type { JsonObject } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';
import { formatMoney, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ActionButtons } from './ActionButtons';

function amountOf(o: JsonObject): string | null {
  return typeof o.amount === 'number' && typeof o.currency === 'string' ? formatMoney(o.amount, o.currency) : null;
}

/** Every object that can move now, with one button per legal transition. */
export function ActionableList() {
  const { actionable, openObjectById, accounts } = useDashboard(
    useShallow((s) => ({ actionable: s.actionable, openObjectById: s.openObjectById, accounts: s.accounts })),
  );
  const nicknames = new Map(accounts.map((a) => [a.id, a.nickname]));
  return (
    <div className="card grow" data-testid="actionable-list">
      <h3>Objects that can move now</h3>
      {actionable.length === 0 ? (
        <EmptyState title="Nothing is waiting on Stripe's side">
          <p>
            Create an outbound payment, an inbound transfer or a received credit with the form — anything with a test
            helper or a sandbox control shows up here with a button for each transition it can take now.
          </p>
        </EmptyState>
      ) : (
        <ul className="rows">
          {actionable.map(({ object, actions }) => (
            <li key={object.id} className="actionable" data-testid="actionable-row" data-object={object.id}>
              <span className="grow">
                <span className="strong">{humanize(object.object)}</span>{' '}
                {typeof object.status === 'string' && <span className={`badge ${object.status}`}>{object.status}</span>}
                <br />
                <button className="link mono small" onClick={() => void openObjectById(object.id)}>
                  {object.id}
                </button>{' '}
                <span className="muted small">
                  {amountOf(object)}
                  {typeof object.financial_account === 'string' && nicknames.get(object.financial_account) && ` · ${nicknames.get(object.financial_account)}`}
                </span>
              </span>
              <ActionButtons objectId={object.id} actions={actions} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
