import type { LiveChange } from '@shared/dashboard-api.js';
import { EventEmitter } from 'node:events';

/** A change the dashboard's live stream pushes to the UI (the stream adds its own greeting). */
export type Change = Exclude<LiveChange, { kind: 'hello' }>;

/** In-process fan-out of changes; the SSE stream subscribes to it. */
export class ChangeBus {
  private readonly emitter = new EventEmitter();
  private viewers = 0;

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

  /**
   * Subscribes a live view (a dashboard's stream), which `watched` counts: what only a viewer
   * needs promptly (the request log's rows of reads) waits while nobody follows.
   */
  follow(listener: (change: Change) => void): () => void {
    const unsubscribe = this.subscribe(listener);
    this.viewers++;
    let followed = true;
    return () => {
      if (!followed) return;
      followed = false;
      this.viewers--;
      unsubscribe();
    };
  }

  /** Whether a live view is following the changes now. */
  get watched(): boolean {
    return this.viewers > 0;
  }
}
