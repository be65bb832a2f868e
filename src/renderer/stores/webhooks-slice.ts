import type { DeliverySummary, EventTypeCatalog, Paged, WebhookEndpointSummary } from '@shared/dashboard-api';
import type { Slice } from './slice';

export interface EndpointDraft {
  url: string;
  enabled_events: string[];
  description: string;
}

export interface WebhooksSlice {
  endpoints: WebhookEndpointSummary[];
  eventTypes: EventTypeCatalog | null;
  /** The endpoint open in the Webhooks view; `new` while the create form shows. */
  selectedEndpoint: string | null;
  endpointDeliveries: DeliverySummary[];
  /** Secrets the user revealed (or got at create), by endpoint id. */
  secrets: Record<string, string>;
  loadEndpoints(): Promise<void>;
  loadEventTypes(): Promise<void>;
  selectEndpoint(id: string | null): void;
  loadEndpointDeliveries(): Promise<void>;
  revealSecret(id: string): Promise<void>;
  createEndpoint(draft: EndpointDraft): Promise<string | undefined>;
  updateEndpoint(id: string, patch: Partial<EndpointDraft> & { disabled?: boolean }): Promise<boolean>;
  deleteEndpoint(id: string): Promise<void>;
  sendTestEvent(id: string, type: string): Promise<void>;
}

export const createWebhooksSlice: Slice<WebhooksSlice> = (set, get) => ({
  endpoints: [],
  eventTypes: null,
  selectedEndpoint: null,
  endpointDeliveries: [],
  secrets: {},
  async loadEndpoints() {
    const res = await get().attempt(() => get().client!.dashboard<{ data: WebhookEndpointSummary[] }>('/dashboard/webhook_endpoints'));
    if (res) set({ endpoints: res.data });
  },
  async loadEventTypes() {
    if (get().eventTypes) return;
    const res = await get().attempt(() => get().client!.dashboard<EventTypeCatalog>('/dashboard/event_types'));
    if (res) set({ eventTypes: res });
  },
  selectEndpoint(id) {
    set({ selectedEndpoint: id, endpointDeliveries: [] });
    if (id && id !== 'new') void get().loadEndpointDeliveries();
  },
  async loadEndpointDeliveries() {
    const id = get().selectedEndpoint;
    if (!id || id === 'new') return;
    const page = await get().attempt(() =>
      get().client!.dashboard<Paged<DeliverySummary>>('/dashboard/deliveries', { query: { endpoint: id, limit: 100 } }),
    );
    if (page && get().selectedEndpoint === id) set({ endpointDeliveries: page.data });
  },
  async revealSecret(id) {
    const res = await get().attempt(() => get().client!.dashboard<{ secret: string | null }>(`/dashboard/webhook_endpoints/${id}/secret`));
    if (res?.secret) set((s) => ({ secrets: { ...s.secrets, [id]: res.secret! } }));
  },
  async createEndpoint(draft) {
    const created = await get().attempt(() =>
      get().client!.stripe<{ id: string; secret: string }>('POST', '/v1/webhook_endpoints', {
        url: draft.url,
        enabled_events: draft.enabled_events,
        ...(draft.description ? { description: draft.description } : {}),
      }),
    );
    if (!created) return undefined;
    // Shown at once, as Stripe's dashboard does after creating an endpoint.
    set((s) => ({ secrets: { ...s.secrets, [created.id]: created.secret } }));
    await get().loadEndpoints();
    get().selectEndpoint(created.id);
    get().notify('info', `Endpoint created: ${created.id}. Its signing secret is shown below.`);
    return created.id;
  },
  async updateEndpoint(id, patch) {
    const done = await get().attempt(() => get().client!.stripe('POST', `/v1/webhook_endpoints/${id}`, patch));
    if (done === undefined) return false;
    await get().loadEndpoints();
    return true;
  },
  async deleteEndpoint(id) {
    const done = await get().attempt(() => get().client!.stripe('DELETE', `/v1/webhook_endpoints/${id}`), `Endpoint ${id} deleted`);
    if (done === undefined) return;
    set({ selectedEndpoint: null });
    await get().loadEndpoints();
  },
  async sendTestEvent(id, type) {
    const event = await get().attempt(() =>
      get().client!.dashboard<{ id: string }>(`/webhook_endpoints/${id}/test`, { method: 'POST', body: { type } }),
    );
    if (!event) return;
    get().notify('info', `Test ${type} (${event.id}) queued for ${id}`);
    await Promise.all([get().loadEndpointDeliveries(), get().loadEndpoints()]);
  },
});
