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

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedPrefix = '';

/**
 * `Date#toISOString()` without a Date per call: rows come roughly in time order, so the
 * `YYYY-MM-DDT` part is cached per day and only the clock part is formatted.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${cachedPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `Acme & Sons, Inc.` → `acme-sons-inc`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
