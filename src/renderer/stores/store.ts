import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';
import { createInspectorSlice, type InspectorSlice } from './inspector-slice';
import { createObjectsSlice, type ObjectsSlice } from './objects-slice';
import { createWebhooksSlice, type WebhooksSlice } from './webhooks-slice';
import { createForwardingConfigsSlice, type ForwardingConfigsSlice } from './forwarding-configs-slice';

/** The whole renderer state: one store built from slices. */
export type DashboardState = AppSlice & TimelineSlice & InspectorSlice & ObjectsSlice & WebhooksSlice & ForwardingConfigsSlice;

export const useDashboard = create<DashboardState>()((...a) => ({
  ...createAppSlice(...a),
  ...createTimelineSlice(...a),
  ...createInspectorSlice(...a),
  ...createObjectsSlice(...a),
  ...createWebhooksSlice(...a),
  ...createForwardingConfigsSlice(...a),
}));
