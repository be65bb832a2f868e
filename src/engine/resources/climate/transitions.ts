import type { TransitionTable } from '../treasury/transitions.js';

export type OrderStatus = 'open' | 'awaiting_funds' | 'confirmed' | 'delivered' | 'canceled';
export type OrderAction = 'update' | 'cancel' | 'deliver' | 'delay' | 'substitute' | 'cancel_by_supplier';

const PENDING: readonly OrderStatus[] = ['open', 'awaiting_funds', 'confirmed'];

/**
 * A Climate order: born confirmed when paid from the balance (the API's only
 * way), then Frontier delivers, delays, substitutes or cancels it. Delivered
 * and canceled are final.
 */
export const ORDER: TransitionTable<OrderStatus, OrderAction> = {
  update: { from: PENDING, verb: 'updated' },
  cancel: { from: PENDING, to: 'canceled', verb: 'canceled' },
  deliver: { from: ['confirmed'], to: 'delivered', verb: 'delivered' },
  delay: { from: ['confirmed'], verb: 'delayed' },
  substitute: { from: ['confirmed'], verb: 'given a substitute product' },
  cancel_by_supplier: { from: PENDING, to: 'canceled', verb: 'canceled' },
};

/** How long after creation the buyer may cancel (the newer API's window), in seconds. */
export const CANCEL_WINDOW_SECONDS = 24 * 3600;
