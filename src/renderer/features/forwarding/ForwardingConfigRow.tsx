import { useState } from 'react';
import { useDashboard } from '../../stores/store';
import type { ForwardingConfigView } from '../../stores/forwarding-configs-slice';

function replacementOf(config: ForwardingConfigView, key: string): string {
  const v = config.replacements[key];
  return typeof v === 'string' ? v : '';
}

/** One allowed destination: what it is, and editing or deleting it in place. */
export function ForwardingConfigRow({ config }: { config: ForwardingConfigView }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState({
    name: config.name ?? '',
    url: config.url,
    card_number: replacementOf(config, 'card_number'),
    card_cvc: replacementOf(config, 'card_cvc'),
  });
  const update = useDashboard((s) => s.updateForwardingConfig);
  const remove = useDashboard((s) => s.deleteForwardingConfig);
  if (editing) {
    return (
      <li className="fwd-config" data-testid="forwarding-config-row" data-config={config.id}>
        <form
          className="form"
          data-testid="forwarding-config-form"
          onSubmit={(e) => {
            e.preventDefault();
            const replacements = { ...config.replacements, card_number: draft.card_number || undefined, card_cvc: draft.card_cvc || undefined };
            void update(config.id, { name: draft.name || null, url: draft.url, replacements }).then((ok) => ok && setEditing(false));
          }}
        >
          {(['name', 'url', 'card_number', 'card_cvc'] as const).map((k) => (
            <label key={k}>
              {k === 'card_number' ? 'Card number goes to' : k === 'card_cvc' ? 'CVC goes to' : k === 'url' ? 'Destination URL' : 'Name'}
              <input data-testid={`fwd-edit-${k}`} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
            </label>
          ))}
          <div className="row gap">
            <button className="button primary small" type="submit" data-testid="fwd-save">
              Save
            </button>
            <button className="button ghost small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="fwd-config" data-testid="forwarding-config-row" data-config={config.id}>
      <span className="grow">
        <strong>{config.name ?? 'Unnamed destination'}</strong> <span className="mono small muted">{config.id}</span>
        <small className="block mono ellipsis" title={config.url}>
          POST {config.url}
        </small>
        <small className="block muted">
          {Object.entries(config.replacements)
            .filter(([, v]) => v)
            .map(([k, v]) => `${k} → ${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(' · ') || 'no replacements'}
          {config.secret_names.length > 0 && ` · secrets: ${config.secret_names.join(', ')}`}
        </small>
      </span>
      <button className="button small" data-testid="fwd-edit" onClick={() => setEditing(true)}>
        Edit
      </button>
      {confirming ? (
        <>
          <button className="button small danger" data-testid="fwd-delete-confirm" onClick={() => void remove(config.id)}>
            Delete
          </button>
          <button className="button small ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button className="button small ghost" data-testid="fwd-delete" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </li>
  );
}
