import type { AvailableAction, JsonObject, ObjectDetail, ObjectTypeCount, Paged } from '@shared/dashboard-api';
import type { Slice } from './slice';

export interface ActionableObject {
  object: JsonObject;
  actions: AvailableAction[];
}

export interface ObjectsSlice {
  types: ObjectTypeCount[];
  objectType: string | null;
  objectQuery: string;
  objectList: JsonObject[];
  objectTotal: number;
  /** The object open in the Objects view. */
  openObject: ObjectDetail | null;
  actionable: ActionableObject[];
  loadTypes(): Promise<void>;
  setObjectType(type: string | null): void;
  setObjectQuery(q: string): void;
  loadObjects(): Promise<void>;
  /** Opens an object by id in the Objects view (from any link in the app). */
  openObjectById(id: string): Promise<void>;
  reloadOpenObject(): Promise<void>;
  loadActionable(): Promise<void>;
  performAction(action: AvailableAction, objectId: string): Promise<void>;
}

export const createObjectsSlice: Slice<ObjectsSlice> = (set, get) => ({
  types: [],
  objectType: null,
  objectQuery: '',
  objectList: [],
  objectTotal: 0,
  openObject: null,
  actionable: [],
  async loadTypes() {
    const res = await get().client!.dashboard<{ data: ObjectTypeCount[] }>('/dashboard/types');
    set({ types: res.data });
  },
  setObjectType(type) {
    set({ objectType: type });
    void get().loadObjects();
  },
  setObjectQuery(q) {
    set({ objectQuery: q });
    void get().loadObjects();
  },
  async loadObjects() {
    const { objectType, objectQuery, client } = get();
    if (!client) return;
    await get().attempt(async () => {
      const page = await client.dashboard<Paged<JsonObject>>('/dashboard/objects', {
        query: { type: objectType, q: objectQuery.trim(), limit: 200 },
      });
      set({ objectList: page.data, objectTotal: page.total });
    });
  },
  async openObjectById(id) {
    set({ view: 'objects' });
    const detail = await get().attempt(() => get().client!.dashboard<ObjectDetail>(`/dashboard/objects/${id}`));
    if (detail) set({ openObject: detail });
  },
  async reloadOpenObject() {
    const open = get().openObject;
    if (!open) return;
    try {
      const detail = await get().client!.dashboard<ObjectDetail>(`/dashboard/objects/${open.object.id}`);
      set({ openObject: detail });
    } catch {
      // Deleted meanwhile (a webhook endpoint): keep showing the last state.
    }
  },
  async loadActionable() {
    const res = await get().attempt(() =>
      get().client!.dashboard<{ data: ActionableObject[] }>('/dashboard/actionable', { query: { limit: 100 } }),
    );
    if (res) set({ actionable: res.data });
  },
  async performAction(action, objectId) {
    const done = await get().attempt(
      () => get().client!.perform(action),
      `${action.label}: ${objectId}`,
    );
    if (done === undefined) return;
    await Promise.all([get().loadActionable(), get().reloadOpenObject(), get().refreshInfo()]);
  },
});
