import { Faker, base, en } from '@faker-js/faker';

/** One row in COPY column order: numbers, strings (timestamps as ISO-8601) or null. */
export type Row = readonly (string | number | null)[];

/** A table the loader streams with COPY: its columns, a row count estimate for progress, and the rows. */
export interface TableSource {
  table: string;
  columns: readonly string[];
  /** Expected rows, for progress bars; the loader reports the real count. */
  estimate: number;
  rows(): Iterable<Row>;
}

/** A faker instance of its own per table, so one table's draws never shift another's. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `Acme & Sons, Inc.` → `acme-sons-inc`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
