import type { JsonObject } from '@shared/dashboard-api';
import type { Slice } from './slice';

/** A forwarding config as the control API shows it (secret names only, never values). */
export type ForwardingConfigView = JsonObject & {
  name: string | null;
  url: string;
  replacements: Record<string, unknown>;
  secret_names: string[];
  timeout_ms: number;
};

export interface ForwardingConfigsSlice {
  forwardingConfigs: ForwardingConfigView[];
  loadForwardingConfigs(): Promise<void>;
  updateForwardingConfig(id: string, patch: Record<string, unknown>): Promise<boolean>;
  deleteForwardingConfig(id: string): Promise<void>;
}

export const createForwardingConfigsSlice: Slice<ForwardingConfigsSlice> = (set, get) => ({
  forwardingConfigs: [],
  async loadForwardingConfigs() {
    const res = await get().attempt(() => get().client!.dashboard<{ data: ForwardingConfigView[] }>('/forwarding/configs'));
    if (res) set({ forwardingConfigs: res.data });
  },
  async updateForwardingConfig(id, patch) {
    const done = await get().attempt(
      () => get().client!.dashboard(`/forwarding/configs/${id}`, { method: 'POST', body: patch }),
      `Forwarding config ${id} saved`,
    );
    await get().loadForwardingConfigs();
    return done !== undefined;
  },
  async deleteForwardingConfig(id) {
    await get().attempt(() => get().client!.dashboard(`/forwarding/configs/${id}`, { method: 'DELETE' }), `Forwarding config ${id} deleted`);
    await get().loadForwardingConfigs();
  },
});
