import type { Plan } from '../plan.ts';
import { orderModel } from './order-model.ts';
import { iso, type TableSource } from './table-source.ts';

export function ordersSource(plan: Plan): TableSource {
  return {
    table: 'orders',
    columns: ['id', 'tenant_id', 'customer_id', 'status', 'total_cents', 'item_quantity', 'created_at'],
    estimate: plan.orders,
    *rows() {
      for (const t of plan.tenants) {
        for (let k = 0; k < t.orders.count; k++) {
          const o = orderModel(plan.seed, t, k);
          yield [o.id, t.id, o.customerId, o.status, o.totalCents, o.itemQuantity, iso(o.createdAt)];
        }
      }
    },
  };
}

/** Item ids are numbered in generation order, so every pass over the orders agrees on them. */
export function orderItemsSource(plan: Plan): TableSource {
  return {
    table: 'order_items',
    columns: ['id', 'order_id', 'product_id', 'quantity', 'unit_price_cents'],
    estimate: plan.orders * 3,
    *rows() {
      let id = 1;
      for (const t of plan.tenants) {
        for (let k = 0; k < t.orders.count; k++) {
          const o = orderModel(plan.seed, t, k);
          for (const item of o.items) yield [id++, o.id, item.productId, item.quantity, item.unitPriceCents];
        }
      }
    },
  };
}

export function orderStatusHistorySource(plan: Plan): TableSource {
  return {
    table: 'order_status_history',
    columns: ['id', 'order_id', 'status', 'changed_at'],
    estimate: Math.round(plan.orders * 3.7),
    *rows() {
      let id = 1;
      for (const t of plan.tenants) {
        for (let k = 0; k < t.orders.count; k++) {
          const o = orderModel(plan.seed, t, k);
          for (const h of o.history) yield [id++, o.id, h.status, iso(h.at)];
        }
      }
    },
  };
}
