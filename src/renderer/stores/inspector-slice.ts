import type {
  DeliveryDetail,
  DeliverySummary,
  ForwardingEntry,
  Paged,
  RequestLogDetail,
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
  deliveries: DeliverySummary[];
  forwarding: ForwardingEntry[];
  selectedRequest: RequestLogDetail | null;
  selectedDelivery: DeliveryDetail | null;
  selectedForwarding: string | null;
  setInspectorTab(tab: InspectorTab): void;
  setInspectorFilter(tab: InspectorTab, patch: Partial<InspectorFilter>): void;
  loadInspector(tab?: InspectorTab): Promise<void>;
  selectRequest(id: string | null): Promise<void>;
  selectDelivery(id: string | null): Promise<void>;
  selectForwarding(id: string | null): void;
  resendDelivery(delivery: DeliverySummary): Promise<void>;
}

const LIMIT = 300;

export const createInspectorSlice: Slice<InspectorSlice> = (set, get) => ({
  inspectorTab: 'requests',
  inspectorFilter: {
    requests: { q: '', status: '' },
    deliveries: { q: '', status: '' },
    forwarding: { q: '', status: '' },
  },
  requests: [],
  deliveries: [],
  forwarding: [],
  selectedRequest: null,
  selectedDelivery: null,
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
        const page = await client.dashboard<Paged<RequestLogSummary>>('/dashboard/requests', { query });
        set({ requests: page.data });
      } else if (tab === 'deliveries') {
        const page = await client.dashboard<Paged<DeliverySummary>>('/dashboard/deliveries', { query });
        set({ deliveries: page.data });
        const open = get().selectedDelivery;
        if (open) await get().selectDelivery(open.id);
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
    if (!id) return set({ selectedDelivery: null });
    const detail = await get().attempt(() => get().client!.dashboard<DeliveryDetail>(`/dashboard/deliveries/${id}`));
    if (detail) set({ selectedDelivery: detail });
  },
  selectForwarding: (id) => set({ selectedForwarding: id }),
  async resendDelivery(delivery) {
    await get().attempt(
      () =>
        get().client!.dashboard(`/events/${delivery.event_id}/resend`, { method: 'POST', body: { endpoint: delivery.endpoint_id } }),
      `Resending ${delivery.event_type ?? delivery.event_id} to ${delivery.endpoint_url ?? delivery.endpoint_id}`,
    );
    await get().loadInspector('deliveries');
  },
});
