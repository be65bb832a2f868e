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
    if (s.view === 'controls') void s.loadForwardingConfigs();
  }
  // What is scheduled next changes with the clock, with every retry a failed delivery queues and with
  // every flow an API call creates: the footer and "Jump to next scheduled" read it from the info.
  if (topics.has('clock') || topics.has('deliveries') || topics.has('objects') || topics.has('timeline')) {
    void s.attempt(() => s.refreshInfo());
  }
  if (s.view === 'webhooks' && (topics.has('deliveries') || topics.has('objects'))) {
    void s.loadEndpoints();
    void s.loadEndpointDeliveries();
  }
  if (s.view === 'inspector') {
    for (const tab of ['requests', 'deliveries', 'forwarding'] as const) {
      if (topics.has(tab) && s.inspectorTab === tab) void s.loadInspector(tab);
    }
  }
}

const ALL_TOPICS: Topic[] = ['timeline', 'objects', 'requests', 'deliveries', 'forwarding', 'clock'];
const RETRY_MS = [1000, 2000, 4000, 8000];

/**
 * Subscribes to the engine's change stream; changes arriving together are
 * coalesced so a burst of 1,000 entries costs one reload, not 1,000. When the
 * server goes away the store shows "reconnecting" while EventSource retries; a
 * stream the browser gave up on (the server answered with an error) is opened
 * again with backoff, and after a reconnect everything visible reloads, since
 * changes made meanwhile were never streamed. Returns the unsubscribe.
 */
export function subscribeLive(url: string, probe: () => Promise<'ok' | 'unauthorized' | 'down'>): () => void {
  const pending = new Set<Topic>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let source: EventSource | undefined;
  let everOpen = false;
  let failures = 0;
  let closed = false;
  const state = () => useDashboard.getState();
  const schedule = (topics: Iterable<Topic>) => {
    for (const t of topics) pending.add(t);
    if (timer === undefined && pending.size > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        const topics = new Set(pending);
        pending.clear();
        flush(topics);
      }, FLUSH_MS);
    }
  };
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => {
      failures = 0;
      if (everOpen) schedule(ALL_TOPICS);
      everOpen = true;
      state().setLive(true);
      state().setConnection('live');
    };
    source.onerror = () => {
      state().setLive(false);
      if (everOpen || failures > 0) state().setConnection('reconnecting');
      if (source?.readyState !== EventSource.CLOSED || closed) return;
      // The browser stops retrying after an error answer (a restart with another token, a proxy error).
      void probe().then((verdict) => {
        if (closed) return;
        if (verdict === 'unauthorized') state().setConnection('unauthorized');
        retry = setTimeout(open, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
      });
    };
    source.onmessage = (message) => {
      // The engine batches changes: each message is an array.
      const changes = JSON.parse(message.data as string) as LiveChange[];
      schedule(changes.flatMap(topicsOf));
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    clearTimeout(retry);
    source?.close();
    state().setLive(false);
  };
}

/** Keeps the store live while the app is mounted. */
export function useLiveUpdates(): void {
  const client = useDashboard((s) => s.client);
  useEffect(() => (client ? subscribeLive(client.streamUrl(), () => client.probe()) : undefined), [client]);
}
