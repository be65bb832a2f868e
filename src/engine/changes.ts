import { EventEmitter } from 'node:events';

/** A change the dashboard's live stream pushes to the UI. */
export type Change =
  | { kind: 'object'; type: string; id: string }
  | { kind: 'event'; id: string; type: string }
  | { kind: 'request'; id: string }
  | { kind: 'delivery'; id: string; eventId: string; endpointId: string }
  | { kind: 'forwarding'; id: string }
  | { kind: 'clock'; now: number }
  | { kind: 'reset' };

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
