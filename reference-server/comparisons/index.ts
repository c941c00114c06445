import type { Comparison, Extension } from './types.ts';
import { jobsExtension } from '../jobs/extension.ts';
import { ordersWithItems } from './orders-with-items.ts';
import { productsDeepPage } from './products-deep-page.ts';
import catalogKv from './catalog-kv.ts';
import productDetailCache from './product-detail-cache.ts';
import productSearch from './product-search.ts';
import salesReport from './sales-report.ts';
import bulkImport from './bulk-import.ts';
import authContext from './auth-context.ts';
import cacheInvalidation from './cache-invalidation.ts';
import connectionPerRequest from './connection-per-request.ts';

/** Every comparison, in catalog order (scenarios/catalog.ts uses the same ids). One line each. */
export const comparisons: Comparison<any>[] = [
  ordersWithItems,
  catalogKv,
  productsDeepPage,
  productDetailCache,
  productSearch,
  salesReport,
  bulkImport,
  authContext,
  cacheInvalidation,
  connectionPerRequest,
];

/** Shared routes and workers some comparisons need (e.g. bulk-import's `GET /jobs/:id` and pg-boss). */
export const extensions: Extension[] = [jobsExtension];
