import type { StateCreator } from 'zustand';
import type { DashboardState } from './store';

/** A slice creator that sees the whole store, as zustand's slices pattern has it. */
export type Slice<T> = StateCreator<DashboardState, [], [], T>;
