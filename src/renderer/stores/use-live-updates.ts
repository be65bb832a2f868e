import { useEffect } from 'react';
import type { LiveChange } from '@shared/dashboard-api';
import { useDashboard } from './store';

type Topic = 'timeline' | 'objects' | 'requests' | 'deliveries' | 'forwarding' | 'clock';

const FLUSH_MS = 150;

function topicsOf(change: LiveChange): Topic[] {
  switch (change.kind) {
    case 'object':
      return change.type.startsWith('treasury.') ? ['timeline', 'objects'] : ['objects'];
    case 'event':
      return ['objects'];
    case 'request':
      return ['requests'];
    case 'delivery':
      return ['deliveries'];
    case 'forwarding':
      return ['forwarding', 'objects'];
    case 'clock':
      return ['clock', 'objects'];
    case 'reset':
      return ['timeline', 'objects', 'requests', 'deliveries', 'forwarding', 'clock'];
    default:
      return [];
  }
}

/** Reloads what the changes touched, only where the user can see it. */
function flush(topics: Set<Topic>): void {
  const s = useDashboard.getState();
  if (topics.has('timeline')) {
    void s.refreshTimeline();
    void s.attempt(() => Promise.all([s.loadAccounts(), s.loadLedger()]));
  }
  if (topics.has('objects') || topics.has('clock')) {
    if (s.view === 'objects') void s.attempt(() => s.loadTypes());
    if (s.openObject) void s.reloadOpenObject();
    if (s.view === 'controls') void s.loadActionable();
    if (s.view === 'objects') void s.loadObjects();
  }
  // What is scheduled next changes with the clock, with every retry a failed delivery queues and with
  // every flow an API call creates: the footer and "Jump to next scheduled" read it from the info.
  if (topics.has('clock') || topics.has('deliveries') || topics.has('objects') || topics.has('timeline')) {
    void s.attempt(() => s.refreshInfo());
  }
  if (s.view === 'inspector') {
    for (const tab of ['requests', 'deliveries', 'forwarding'] as const) {
      if (topics.has(tab) && s.inspectorTab === tab) void s.loadInspector(tab);
    }
  }
}

/**
 * Subscribes to the engine's change stream; changes arriving together are
 * coalesced so a burst of 1,000 entries costs one reload, not 1,000.
 * Returns the unsubscribe.
 */
export function subscribeLive(url: string): () => void {
  const source = new EventSource(url);
  const pending = new Set<Topic>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  source.onopen = () => useDashboard.getState().setLive(true);
  source.onerror = () => useDashboard.getState().setLive(false);
  source.onmessage = (message) => {
    // The engine batches changes: each message is an array.
    const changes = JSON.parse(message.data as string) as LiveChange[];
    for (const change of changes) for (const topic of topicsOf(change)) pending.add(topic);
    if (timer === undefined && pending.size > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        const topics = new Set(pending);
        pending.clear();
        flush(topics);
      }, FLUSH_MS);
    }
  };
  return () => {
    clearTimeout(timer);
    source.close();
    useDashboard.getState().setLive(false);
  };
}

/** Keeps the store live while the app is mounted. */
export function useLiveUpdates(): void {
  const client = useDashboard((s) => s.client);
  useEffect(() => (client ? subscribeLive(client.streamUrl()) : undefined), [client]);
}
