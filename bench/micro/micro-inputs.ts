import { createHash } from 'node:crypto';
import { createRng } from '../../seed/prng.ts';
import { iso, seededFaker } from '../../seed/generate/table-source.ts';
import type { OrderPage } from '../../reference-server/comparisons/orders-with-items.ts';
import type { ProductDetail } from '../../reference-server/comparisons/product-detail-cache.ts';
import type { ImportRow } from '../../reference-server/jobs/import-rows.ts';
import { encodeCursor } from '../../reference-server/lib/cursor.ts';

/** Seed of every micro-benchmark input: same seed, same bytes, so runs compare. */
export const MICRO_SEED = 42;
/** Orders on the page GET /orders answers by default (limit 50). */
export const ORDER_PAGE_SIZE = 50;
/** Rows of the bulk-import body validated per request. */
export const IMPORT_ROWS = 1000;

const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;
const END_MS = Date.UTC(2026, 9, 1);

/** A GET /orders page as the API answers it: 50 orders, 1–5 lines each (≈3), customer and product folded in. */
export function orderPage(seed = MICRO_SEED): OrderPage {
  const faker = seededFaker(seed);
  const rng = createRng(seed);
  const items = Array.from({ length: ORDER_PAGE_SIZE }, (_, k) => {
    const id = 90_000 - k;
    const lines = Array.from({ length: rng.int(1, 5) }, (_, j) => {
      const productId = rng.int(1, 100_000);
      return {
        id: id * 5 + j,
        productId,
        quantity: rng.next() < 0.7 ? 1 : rng.int(2, 4),
        unitPriceCents: rng.int(199, 49_999),
        product: { id: productId, sku: `SKU-${productId.toString(36).toUpperCase()}`, name: faker.commerce.productName() },
      };
    });
    const name = faker.person.fullName();
    return {
      id,
      status: rng.pick(STATUSES),
      totalCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      createdAt: iso(END_MS - k * 3_600_000 - rng.int(0, 3_599_999)),
      customer: { id: rng.int(1, 20_000), name, email: faker.internet.email({ firstName: name }).toLowerCase() },
      items: lines,
    };
  });
  const last = items.at(-1)!;
  return { items, nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) };
}

/** A GET /products/:id body, the value product-detail-cache stores under its cache key. */
export function productDetail(seed = MICRO_SEED): ProductDetail {
  const faker = seededFaker(seed + 1);
  const rng = createRng(seed + 1);
  const at = (offset: number) => iso(END_MS - offset);
  return {
    product: {
      id: 4711, tenantId: 3, sku: 'SKU-3NR', name: faker.commerce.productName(), description: faker.commerce.productDescription(),
      priceCents: 2_999, stock: 140, createdAt: at(400 * 86_400_000), updatedAt: at(20 * 86_400_000),
    },
    brand: { id: 3, slug: 'acme-outdoor', name: 'Acme Outdoor' },
    categories: Array.from({ length: 3 }, (_, k) => ({ id: 10 + k, name: faker.commerce.department(), slug: `category-${10 + k}` })),
    latestReviews: Array.from({ length: 5 }, (_, k) => ({
      id: 800 - k, rating: rng.int(1, 5), title: faker.lorem.sentence({ min: 3, max: 6 }), body: faker.lorem.paragraph({ min: 2, max: 4 }),
      createdAt: at(k * 86_400_000), customerName: faker.person.fullName(),
    })),
    rating: { average: 4.12, count: 37 },
  };
}

/** A bulk-import body's rows, every one valid (the path most requests take). */
export function importRows(seed = MICRO_SEED): ImportRow[] {
  const faker = seededFaker(seed + 2);
  const rng = createRng(seed + 2);
  return Array.from({ length: IMPORT_ROWS }, (_, k) => ({ sku: `IMP-${seed}-${k}`, name: faker.commerce.productName(), priceCents: rng.int(100, 99_999), stock: rng.int(0, 500) }));
}

/** What the inputs are, for results.json's data-set record: row counts and a checksum of their JSON. */
export function microInputsFingerprint(seed = MICRO_SEED): { rows: Record<string, number>; checksum: string } {
  const page = orderPage(seed);
  const detail = productDetail(seed);
  const rows = importRows(seed);
  const checksum = createHash('sha256').update(JSON.stringify([page, detail, rows])).digest('hex').slice(0, 16);
  return {
    rows: { orders: page.items.length, order_items: page.items.reduce((sum, order) => sum + order.items.length, 0), products: 1, reviews: detail.latestReviews.length, imported_products: rows.length },
    checksum,
  };
}
