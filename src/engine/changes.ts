import type { LiveChange } from '@shared/dashboard-api.js';
import { EventEmitter } from 'node:events';

/** A change the dashboard's live stream pushes to the UI (the stream adds its own greeting). */
export type Change = Exclude<LiveChange, { kind: 'hello' }>;

/** In-process fan-out of changes; the SSE stream subscribes to it. */
export class ChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: Change): void {
    this.emitter.emit('change', change);
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
