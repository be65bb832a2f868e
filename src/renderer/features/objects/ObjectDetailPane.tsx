import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { formatTime, humanize } from '../../app/format';
import { JsonTree } from '../../components/JsonTree';
import { CopyButton } from '../../components/CopyButton';
import { ActionButtons } from '../controls/ActionButtons';
import { TaxDetail, hasTaxDetail } from '../tax/TaxDetail';
import { HostedFlowLink } from '../financial-connections/HostedFlowLink';
import { CustomerPanel } from '../billing/CustomerPanel';

export function ObjectDetailPane() {
  const { open, openObjectById } = useDashboard(useShallow((s) => ({ open: s.openObject, openObjectById: s.openObjectById })));
  if (!open) {
    return (
      <div className="pane detail-pane">
        <p className="muted pad">Select an object to see its JSON, the actions it can take and its events.</p>
      </div>
    );
  }
  const { object, events, actions, links } = open;
  return (
    <div className="pane detail-pane" data-testid="object-detail" data-object={object.id}>
      <div className="detail-head">
        <h3>
          {humanize(object.object)}
          {typeof object.nickname === 'string' && object.nickname && <> “{object.nickname}”</>} <span className="mono muted">{object.id}</span>
        </h3>
        <CopyButton text={object.id} label="Copy id" />
      </div>
      {actions.length > 0 && (
        <div className="row gap">
          <span className="muted small">Actions:</span>
          <ActionButtons objectId={object.id} actions={actions} />
        </div>
      )}
      {hasTaxDetail(object) && <TaxDetail object={object} />}
      <HostedFlowLink object={object} />
      <div className="json" data-testid="object-json">
        <JsonTree value={object} links={links} />
      </div>
      {object.object === 'customer' && <CustomerPanel customer={object} />}
      <h4>
        Events <span className="muted">({events.length})</span>
      </h4>
      {events.length === 0 ? (
        <p className="muted">No events for this object yet.</p>
      ) : (
        <ul className="rows" data-testid="object-events">
          {events.map((e) => (
            <li key={e.id}>
              <button className="list-row" data-testid="object-event" onClick={() => void openObjectById(e.id)}>
                <span className="mono grow">{String(e.type)}</span>
                <span className="muted small">{e.created ? formatTime(e.created) : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
