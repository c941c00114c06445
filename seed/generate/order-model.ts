import type { TenantPlan } from '../plan.ts';
import { DAY_MS, END_MS, START_MS } from '../plan.ts';
import { STREAM, createRng, hash32, type Rng } from '../prng.ts';
import { popularProduct, productPriceCents } from './product-model.ts';

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

/** An order with its items and status history, all derived from (seed, order id). */
export interface OrderModel {
  id: number;
  customerId: number;
  status: OrderStatus;
  totalCents: number;
  /** Sum of its items' quantities (orders.item_quantity). */
  itemQuantity: number;
  createdAt: number;
  items: { productId: number; quantity: number; unitPriceCents: number }[];
  history: { status: OrderStatus; at: number }[];
}

const SPAN_MS = END_MS - START_MS;

/**
 * The k-th order of a tenant. Its own random stream (seeded by its id) lets the orders,
 * order_items and order_status_history passes regenerate it identically without keeping it.
 * Dates grow denser towards the end (a shop that grows); status follows age.
 */
export function orderModel(seed: number, tenant: TenantPlan, k: number): OrderModel {
  const id = tenant.orders.start + k;
  const rng = createRng(hash32(seed, STREAM.orders, id));
  const createdAt = START_MS + Math.floor(SPAN_MS * Math.sqrt((k + rng.next()) / tenant.orders.count));
  const customerId = tenant.customers.start + rng.int(0, tenant.customers.count - 1);
  const items: OrderModel['items'] = [];
  const itemCount = rng.int(1, 5);
  for (let i = 0; i < itemCount; i++) {
    const productId = popularProduct(seed, tenant.products, rng.next());
    const quantity = rng.next() < 0.7 ? 1 : rng.int(2, 4);
    items.push({ productId, quantity, unitPriceCents: productPriceCents(seed, productId) });
  }
  const history = statusHistory(rng, createdAt);
  const status = (history[history.length - 1] as { status: OrderStatus }).status;
  const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const itemQuantity = items.reduce((sum, item) => sum + item.quantity, 0);
  return { id, customerId, status, totalCents, itemQuantity, createdAt, items, history };
}

/** Transitions an order of this age could have gone through by the end of the data set. */
function statusHistory(rng: Rng, createdAt: number): OrderModel['history'] {
  const ageDays = (END_MS - createdAt) / DAY_MS;
  const history: OrderModel['history'] = [{ status: 'pending', at: createdAt }];
  let at = createdAt;
  const step = (status: OrderStatus, minHours: number, maxHours: number): void => {
    at += rng.int(minHours * 60, maxHours * 60) * 60_000;
    history.push({ status, at });
  };
  const u = rng.next();
  if (ageDays < 1) {
    if (u < 0.5) step('paid', 0, 1);
    return history;
  }
  if (u < 0.06) {
    step('cancelled', 1, 20);
    return history;
  }
  step('paid', 0, 1);
  if (ageDays < 4) return history;
  step('shipped', 12, 48);
  if (ageDays < 10) return history;
  step('delivered', 24, 120);
  if (ageDays > 40 && u > 0.95) step('refunded', 48, 24 * 20);
  return history;
}

