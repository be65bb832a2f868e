import type {
  DeliveryDetail,
  DeliverySummary,
  ForwardingEntry,
  ObjectDetail,
  Paged,
  RequestLogDetail,
  RequestLogPage,
  RequestLogSummary,
} from '@shared/dashboard-api';
import type { Slice } from './slice';

export type InspectorTab = 'requests' | 'deliveries' | 'forwarding';

export interface InspectorFilter {
  q: string;
  /** Requests: `2xx`/`4xx`/`5xx`; deliveries: pending/succeeded/failed; forwarding: ignored. */
  status: string;
}

export interface InspectorSlice {
  inspectorTab: InspectorTab;
  inspectorFilter: Record<InspectorTab, InspectorFilter>;
  requests: RequestLogSummary[];
  /** Rows of reads the server did not keep (an unbroken stream of reads while no dashboard was open). */
  readsNotKept: number;
  deliveries: DeliverySummary[];
  forwarding: ForwardingEntry[];
  selectedRequest: RequestLogDetail | null;
  selectedDelivery: DeliveryDetail | null;
  /** The selected delivery's event, with the links the JSON tree needs. */
  selectedDeliveryEvent: ObjectDetail | null;
  /** A resend whose outcome is still to be reported. */
  watchedResend: string | null;
  selectedForwarding: string | null;
  setInspectorTab(tab: InspectorTab): void;
  setInspectorFilter(tab: InspectorTab, patch: Partial<InspectorFilter>): void;
  loadInspector(tab?: InspectorTab): Promise<void>;
  selectRequest(id: string | null): Promise<void>;
  selectDelivery(id: string | null): Promise<void>;
  selectForwarding(id: string | null): void;
  resendDelivery(delivery: DeliverySummary): Promise<void>;
  /** Opens a delivery in the inspector (from an endpoint's list). */
  openDelivery(id: string): Promise<void>;
}

const LIMIT = 300;

export const createInspectorSlice: Slice<InspectorSlice> = (set, get) => {
  // The delivery last asked for. Its detail arrives later, and a refresh of the list (a live
  // update) may ask again for the one open before: only the answer for this id is shown.
  let wantedDelivery: string | null = null;
  return {
    inspectorTab: 'requests',
    inspectorFilter: {
      requests: { q: '', status: '' },
      deliveries: { q: '', status: '' },
      forwarding: { q: '', status: '' },
    },
    requests: [],
    readsNotKept: 0,
    deliveries: [],
    forwarding: [],
    selectedRequest: null,
    selectedDelivery: null,
    selectedDeliveryEvent: null,
    watchedResend: null,
    selectedForwarding: null,
    setInspectorTab(tab) {
      set({ inspectorTab: tab });
      void get().loadInspector(tab);
    },
    setInspectorFilter(tab, patch) {
      set((s) => ({ inspectorFilter: { ...s.inspectorFilter, [tab]: { ...s.inspectorFilter[tab], ...patch } } }));
      void get().loadInspector(tab);
    },
    async loadInspector(tab = get().inspectorTab) {
      const client = get().client;
      if (!client) return;
      const query = { ...get().inspectorFilter[tab], limit: LIMIT };
      await get().attempt(async () => {
        if (tab === 'requests') {
          const page = await client.dashboard<RequestLogPage>('/dashboard/requests', { query });
          set({ requests: page.data, readsNotKept: page.reads_not_kept ?? 0 });
        } else if (tab === 'deliveries') {
          const page = await client.dashboard<Paged<DeliverySummary>>('/dashboard/deliveries', { query });
          set({ deliveries: page.data });
          const open = wantedDelivery ?? get().selectedDelivery?.id;
          if (open) await get().selectDelivery(open);
        } else {
          const page = await client.dashboard<Paged<ForwardingEntry>>('/dashboard/forwarding', { query });
          set({ forwarding: page.data });
        }
      });
    },
    async selectRequest(id) {
      if (!id) return set({ selectedRequest: null });
      const detail = await get().attempt(() => get().client!.dashboard<RequestLogDetail>(`/dashboard/requests/${id}`));
      if (detail) set({ selectedRequest: detail });
    },
    async selectDelivery(id) {
      wantedDelivery = id;
      if (!id) return set({ selectedDelivery: null, selectedDeliveryEvent: null });
      const client = get().client!;
      const detail = await get().attempt(() => client.dashboard<DeliveryDetail>(`/dashboard/deliveries/${id}`));
      if (!detail || wantedDelivery !== id) return;
      const sameEvent = get().selectedDeliveryEvent?.object.id === detail.event_id;
      set({ selectedDelivery: detail, ...(sameEvent ? {} : { selectedDeliveryEvent: null }) });
      if (!sameEvent) {
        // The event of a test or a deleted endpoint may be gone: the attempts still show.
        const event = await client.dashboard<ObjectDetail>(`/dashboard/objects/${detail.event_id}`).catch(() => null);
        if (get().selectedDelivery?.id === id) set({ selectedDeliveryEvent: event });
      }
      if (get().watchedResend === id && detail.attempts.length > 0) {
        const last = detail.attempts[detail.attempts.length - 1];
        const ok = last.response_status !== null && last.response_status < 300 && last.response_status >= 200;
        set({ watchedResend: null });
        get().notify(
          ok ? 'info' : 'error',
          `Resend of ${detail.event_type ?? detail.event_id}: ${ok ? `delivered, HTTP ${last.response_status}` : `failed — ${last.error ?? `HTTP ${last.response_status}`}`}${detail.status === 'pending' ? ' (will retry)' : ''}`,
        );
      }
    },
    selectForwarding: (id) => set({ selectedForwarding: id }),
    async openDelivery(id) {
      set({ view: 'inspector', inspectorTab: 'deliveries' });
      await Promise.all([get().loadInspector('deliveries'), get().selectDelivery(id)]);
    },
    async resendDelivery(delivery) {
      const res = await get().attempt(() =>
        get().client!.dashboard<{ delivery: string }>(`/events/${delivery.event_id}/resend`, {
          method: 'POST',
          body: { endpoint: delivery.endpoint_id },
        }),
      );
      if (!res) return;
      get().notify('info', `Resending ${delivery.event_type ?? delivery.event_id} to ${delivery.endpoint_url ?? delivery.endpoint_id}…`);
      set({ watchedResend: res.delivery });
      await get().loadInspector('deliveries');
      await get().selectDelivery(res.delivery);
    },
  };
};
