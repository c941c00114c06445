import type { Plan } from '../plan.ts';
import { STREAM, createRng, hash32 } from '../prng.ts';
import { productCreatedAt, productPriceCents, productUpdatedAt } from './product-model.ts';
import { iso, seededFaker, type TableSource } from './table-source.ts';

export function productsSource(plan: Plan): TableSource {
  return {
    table: 'products',
    columns: ['id', 'tenant_id', 'sku', 'name', 'description', 'price_cents', 'stock', 'created_at', 'updated_at'],
    estimate: plan.products,
    *rows() {
      const faker = seededFaker(hash32(plan.seed, STREAM.products));
      const rng = createRng(hash32(plan.seed, STREAM.products));
      for (const t of plan.tenants) {
        for (let k = 0; k < t.products.count; k++) {
          const id = t.products.start + k;
          const createdAt = productCreatedAt(plan.seed, t.products, k);
          const stock = rng.next() < 0.05 ? 0 : rng.int(1, 500);
          yield [
            id,
            t.id,
            `SKU-${t.id}-${String(k + 1).padStart(7, '0')}`,
            faker.commerce.productName(),
            faker.commerce.productDescription(),
            productPriceCents(plan.seed, id),
            stock,
            iso(createdAt),
            iso(productUpdatedAt(plan.seed, id, createdAt)),
          ];
        }
      }
    },
  };
}

/** One to three distinct categories of the product's own tenant. */
export function productCategoriesSource(plan: Plan): TableSource {
  return {
    table: 'product_categories',
    columns: ['product_id', 'category_id'],
    estimate: Math.round(plan.products * 1.55),
    *rows() {
      const rng = createRng(hash32(plan.seed, STREAM.productCategories));
      for (const t of plan.tenants) {
        const n = t.categories.count;
        for (let k = 0; k < t.products.count; k++) {
          const first = rng.int(0, n - 1);
          const extra = rng.next();
          const count = Math.min(n, extra < 0.15 ? 3 : extra < 0.55 ? 2 : 1);
          for (let i = 0; i < count; i++) yield [t.products.start + k, t.categories.start + ((first + i) % n)];
        }
      }
    },
  };
}
