import { useState } from 'react';
import type { ObjectDetail } from '@shared/dashboard-api';
import { useDashboard } from '../stores/store';
import { formatTime } from '../app/format';

interface Props {
  value: unknown;
  /** The key this value sits under, which tells a timestamp from a count. */
  name?: string;
  /** Ids that name stored objects (id → type), from the engine. */
  links: Record<string, string>;
  depth?: number;
}

/** A JSON view whose ids of other objects expand in place or open that object. */
/** Stripe's timestamps: `created`, `*_at`, `*_date` and a few more, in epoch seconds. */
const TIME_KEY = /(^|_)(created|at|date|expires|updated|timestamp|start|end)$/;

function isEpoch(name: string | undefined, value: number): boolean {
  return !!name && TIME_KEY.test(name) && Number.isInteger(value) && value > 100_000_000 && value < 10_000_000_000;
}

export function JsonTree({ value, links, depth = 0, name }: Props) {
  if (value === null) return <span className="j-null">null</span>;
  if (typeof value === 'string') {
    return links[value] ? <LinkedId id={value} type={links[value]} depth={depth} /> : <span className="j-str">"{value}"</span>;
  }
  if (typeof value === 'number') {
    if (isEpoch(name, value)) {
      return (
        <span className="j-num j-time" title={`${value} (epoch seconds)`} data-testid="json-time" data-raw={value}>
          {formatTime(value)}
        </span>
      );
    }
    return <span className="j-num">{value}</span>;
  }
  if (typeof value === 'boolean') return <span className="j-bool">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="j-punct">[]</span>;
    return <Collapsible open={depth < 3} label={`[${value.length}]`} entries={value.map((v, i) => [String(i), v])} links={links} depth={depth} />;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="j-punct">{'{}'}</span>;
  return <Collapsible open={depth < 3} label={`{${entries.length}}`} entries={entries} links={links} depth={depth} />;
}

function Collapsible({
  open: initiallyOpen,
  label,
  entries,
  links,
  depth,
}: {
  open: boolean;
  label: string;
  entries: [string, unknown][];
  links: Record<string, string>;
  depth: number;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <span>
      <button className="j-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="muted">{label}</span>
      </button>
      {open && (
        <div className="j-block">
          {entries.map(([k, v]) => (
            <div key={k} className="j-row">
              <span className="j-key">{k}</span>: <JsonTree value={v} name={k} links={links} depth={depth + 1} />
            </div>
          ))}
        </div>
      )}
    </span>
  );
}

function LinkedId({ id, type, depth }: { id: string; type: string; depth: number }) {
  const [expanded, setExpanded] = useState<ObjectDetail | null>(null);
  const openObjectById = useDashboard((s) => s.openObjectById);
  const toggle = async () => {
    if (expanded) return setExpanded(null);
    const client = useDashboard.getState().client!;
    setExpanded(await client.dashboard<ObjectDetail>(`/dashboard/objects/${id}`));
  };
  return (
    <span className="j-link">
      <button className="j-toggle" aria-expanded={!!expanded} title={`Expand this ${type}`} data-testid={`expand-${id}`} onClick={() => void toggle()}>
        {expanded ? '▾' : '▸'}
      </button>
      <button className="link" data-testid={`link-${id}`} title={`Open this ${type}`} onClick={() => void openObjectById(id)}>
        "{id}"
      </button>
      {expanded && (
        <div className="j-block j-embedded">
          <JsonTree value={expanded.object} links={expanded.links} depth={depth + 1} />
        </div>
      )}
    </span>
  );
}
