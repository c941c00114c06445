import { faker } from '@faker-js/faker';
import type { Plan } from '../plan.ts';
import { customersSource, reviewsSource } from './customers-reviews.ts';
import { orderItemsSource, ordersSource, orderStatusHistorySource } from './orders.ts';
import { productCategoriesSource, productsSource } from './products.ts';
import type { TableSource } from './table-source.ts';
import { categoriesSource, membershipsSource, tenantsSource, usersSource } from './tenants-users.ts';

export type { Row, TableSource } from './table-source.ts';

/** Every generated table in load order (kv_store is derived from products in SQL afterwards). */
export function tableSources(plan: Plan): TableSource[] {
  return [
    tenantsSource(plan),
    usersSource(plan),
    membershipsSource(plan),
    categoriesSource(plan, faker.definitions.commerce.department),
    productsSource(plan),
    // foreign keys are added after the load, so the order is free: the costliest generators come
    // right after products, to run ahead while Postgres builds the products' trigram indexes
    reviewsSource(plan),
    orderStatusHistorySource(plan),
    productCategoriesSource(plan),
    customersSource(plan),
    ordersSource(plan),
    orderItemsSource(plan),
  ];
}
