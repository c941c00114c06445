import type { Comparison, Extension } from './types.ts';
import { ordersWithItems } from './orders-with-items.ts';
import { productsDeepPage } from './products-deep-page.ts';

/** Every comparison, in catalog order (scenarios/catalog.ts uses the same ids). One line each. */
export const comparisons: Comparison<any>[] = [
  ordersWithItems,
  productsDeepPage,
];

/** Shared routes and workers some comparisons need (e.g. bulk-import's `GET /jobs/:id` and pg-boss). */
export const extensions: Extension[] = [];
