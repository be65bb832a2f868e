import { useMemo, useState } from 'react';
import type { EventTypeCatalog } from '@shared/dashboard-api';

interface Props {
  catalog: EventTypeCatalog;
  value: string[];
  onChange(events: string[]): void;
}

/** `treasury.outbound_payment.posted` → `treasury.outbound_payment`. */
function groupOf(type: string): string {
  return type.split('.').slice(0, -1).join('.') || type;
}

/**
 * Every type `enabled_events` accepts, grouped by object, with the ones the
 * sandbox never emits marked: subscribing to them is allowed (as in Stripe)
 * but nothing here will send them except a test event.
 */
export function EventPicker({ catalog, value, onChange }: Props) {
  const [filter, setFilter] = useState('');
  const emitted = useMemo(() => new Set(catalog.emitted), [catalog]);
  const [onlyEmitted, setOnlyEmitted] = useState(false);
  const all = value.includes('*');
  const chosen = new Set(value);
  const shown = catalog.accepted.filter((t) => t.includes(filter.trim()) && (!onlyEmitted || emitted.has(t) || chosen.has(t)));
  const groups = new Map<string, string[]>();
  for (const t of shown) groups.set(groupOf(t), [...(groups.get(groupOf(t)) ?? []), t]);
  // The sandbox's own groups first: they are what most endpoints here subscribe to.
  const ordered = [...groups].sort(([, a], [, b]) => Number(b.some((t) => emitted.has(t))) - Number(a.some((t) => emitted.has(t))));
  const toggle = (t: string) => onChange(chosen.has(t) ? value.filter((v) => v !== t) : [...value.filter((v) => v !== '*'), t]);
  return (
    <fieldset className="event-picker" data-testid="event-picker">
      <legend>Events to send</legend>
      <label className="check">
        <input type="checkbox" data-testid="event-all" checked={all} onChange={() => onChange(all ? [] : ['*'])} />
        <span>
          All events <code>*</code>
        </span>
      </label>
      {!all && (
        <>
          <div className="row gap">
            <input type="search" placeholder="Filter event types" value={filter} data-testid="event-filter" onChange={(e) => setFilter(e.target.value)} />
            <label className="check small">
              <input type="checkbox" checked={onlyEmitted} data-testid="event-only-emitted" onChange={() => setOnlyEmitted(!onlyEmitted)} />
              hide the {catalog.accepted.length - catalog.emitted.length} types the sandbox never emits
            </label>
          </div>
          <div className="event-groups">
            {ordered.map(([group, types]) => (
              <div key={group} className="event-group">
                <div className="muted small mono">{group}</div>
                {types.map((t) => (
                  <label key={t} className="check" data-testid="event-option" data-type={t} data-emitted={emitted.has(t)}>
                    <input type="checkbox" checked={chosen.has(t)} onChange={() => toggle(t)} />
                    <span className="mono small">{t.slice(group.length + 1)}</span>
                    {!emitted.has(t) && (
                      <span className="tag" title="Accepted by the API, but the sandbox never emits this type (a test event can still send it)">
                        never emitted
                      </span>
                    )}
                  </label>
                ))}
              </div>
            ))}
          </div>
          <p className="muted small" data-testid="event-count">
            {value.length} selected
          </p>
        </>
      )}
    </fieldset>
  );
}
