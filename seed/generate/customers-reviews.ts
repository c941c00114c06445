import type { Plan } from '../plan.ts';
import { DAY_MS, END_MS, START_MS } from '../plan.ts';
import { STREAM, createRng, hash32 } from '../prng.ts';
import { popularProduct, productCreatedAt } from './product-model.ts';
import { iso, seededFaker, slugify, type TableSource } from './table-source.ts';

export function customersSource(plan: Plan): TableSource {
  return {
    table: 'customers',
    columns: ['id', 'tenant_id', 'email', 'name', 'created_at'],
    estimate: plan.tenants.reduce((n, t) => n + t.customers.count, 0),
    *rows() {
      const faker = seededFaker(hash32(plan.seed, STREAM.customers));
      for (const t of plan.tenants) {
        for (let k = 0; k < t.customers.count; k++) {
          const id = t.customers.start + k;
          const first = faker.person.firstName();
          const last = faker.person.lastName();
          const createdAt = START_MS - faker.number.int({ min: 1, max: 365 * DAY_MS / 1000 }) * 1000;
          yield [id, t.id, `${slugify(`${first}.${last}`)}.${id}@example.net`, `${first} ${last}`, iso(createdAt)];
        }
      }
    },
  };
}

const RATINGS = [5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 2, 1, 1];

/** Reviews follow popularity (Zipf over the same ranks as order items) and lean positive. */
export function reviewsSource(plan: Plan): TableSource {
  return {
    table: 'reviews',
    columns: ['id', 'tenant_id', 'product_id', 'customer_id', 'rating', 'title', 'body', 'created_at'],
    estimate: plan.tenants.reduce((n, t) => n + t.reviews.count, 0),
    *rows() {
      const faker = seededFaker(hash32(plan.seed, STREAM.reviews));
      const rng = createRng(hash32(plan.seed, STREAM.reviews));
      for (const t of plan.tenants) {
        for (let k = 0; k < t.reviews.count; k++) {
          const productId = popularProduct(plan.seed, t.products, rng.next());
          const productCreated = productCreatedAt(plan.seed, t.products, productId - t.products.start);
          const createdAt = productCreated + Math.floor(rng.next() * (END_MS - productCreated));
          const title = faker.lorem.words({ min: 2, max: 5 });
          yield [
            t.reviews.start + k,
            t.id,
            productId,
            t.customers.start + rng.int(0, t.customers.count - 1),
            rng.pick(RATINGS),
            title.charAt(0).toUpperCase() + title.slice(1),
            faker.lorem.sentences({ min: 1, max: 3 }),
            iso(createdAt),
          ];
        }
      }
    },
  };
}
