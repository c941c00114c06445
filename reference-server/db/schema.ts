import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Bumped whenever a migration changes what the seeder writes; part of the data-set fingerprint. */
export const SCHEMA_VERSION = 4;

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const role = pgEnum('role', ['viewer', 'editor', 'admin']);
export const orderStatus = pgEnum('order_status', ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']);
export const jobStatus = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed']);

/** A brand: every other row belongs to exactly one tenant. */
export const tenants = pgTable('tenants', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    role: role('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tenantId] }), index('memberships_tenant_idx').on(t.tenantId)],
);

export const categories = pgTable(
  'categories',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
  },
  (t) => [uniqueIndex('categories_tenant_slug_idx').on(t.tenantId, t.slug)],
);

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    priceCents: integer('price_cents').notNull(),
    stock: integer('stock').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_tenant_sku_idx').on(t.tenantId, t.sku),
    // keyset pagination: WHERE tenant_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC.
    // nullsFirst: Drizzle's bare .desc() emits DESC NULLS LAST, which a plain ORDER BY … DESC cannot read in order.
    index('products_tenant_created_id_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('products_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('products_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
    index('products_sku_trgm_idx').using('gin', t.sku.op('gin_trgm_ops')),
  ],
);

export const productCategories = pgTable(
  'product_categories',
  {
    productId: integer('product_id').notNull().references(() => products.id),
    categoryId: integer('category_id').notNull().references(() => categories.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.categoryId] }), index('product_categories_category_idx').on(t.categoryId)],
);

export const customers = pgTable(
  'customers',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customers_tenant_email_idx').on(t.tenantId, t.email)],
);

export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    status: orderStatus('status').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** Units over all its lines, kept with the order like total_cents: reports sum it instead of joining every line. */
    itemQuantity: integer('item_quantity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // listing and the sales report both range over (tenant_id, created_at)
    index('orders_tenant_created_id_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('orders_customer_idx').on(t.customerId),
    // missing-index: a tenant's pending orders, newest first, without walking its other orders
    index('orders_pending_tenant_created_idx')
      .on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    productId: integer('product_id').notNull().references(() => products.id),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId), index('order_items_product_idx').on(t.productId)],
);

export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    status: orderStatus('status').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('order_status_history_order_idx').on(t.orderId)],
);

export const reviews = pgTable(
  'reviews',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    productId: integer('product_id').notNull().references(() => products.id),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    rating: smallint('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('reviews_product_created_idx').on(t.productId, t.createdAt.desc().nullsFirst())],
);

/**
 * The same catalog as a key-value store, the way KV-backed backends keep it:
 * `catalog:<tenantId>:product-ids` → number[], `product:<productId>` → product document.
 */
export const kvStore = pgTable('kv_store', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** What `GET /jobs/:id` reports; pg-boss carries the queue itself in its own schema. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    kind: text('kind').notNull(),
    status: jobStatus('status').notNull().default('queued'),
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the canonical request body: a reused Idempotency-Key with another body is refused. */
    requestHash: text('request_hash'),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jobs_tenant_idempotency_idx').on(t.tenantId, t.idempotencyKey)],
);

/** Rows written by the bulk-import comparison, kept apart so imports never disturb the seeded catalog. */
export const importedProducts = pgTable(
  'imported_products',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    jobId: uuid('job_id'),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    stock: integer('stock').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('imported_products_tenant_sku_idx').on(t.tenantId, t.sku)],
);

/** write-behind's usage counters: one row per tenant and metric, the hot row every naive request updates. */
export const usageCounters = pgTable(
  'usage_counters',
  {
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    metric: text('metric').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.metric] })],
);

/** The write-behind batches applied, by id: a batch handed out twice is applied once. */
export const usageFlushes = pgTable('usage_flushes', {
  batchId: uuid('batch_id').primaryKey(),
  requests: integer('requests').notNull(),
  flushedAt: timestamp('flushed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** One row: the fingerprint of the loaded data set. `complete` turns true only in the seed's last transaction. */
export const datasetMeta = pgTable('dataset_meta', {
  id: smallint('id').primaryKey().default(1),
  fingerprint: jsonb('fingerprint').notNull(),
  complete: boolean('complete').notNull().default(false),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});
