import type { Fixtures, TenantFixtures } from './types.ts';

/** Every scenario targets the largest tenant (`tenants[0]`), as the fixtures contract says. */
export function mainTenant(fx: Fixtures): TenantFixtures {
  const tenant = fx.tenants[0];
  if (!tenant) throw new Error('fixtures hold no tenant: reseed the data set');
  return tenant;
}

/** A fixture list a builder cannot work without; empty means the data set is too small for it. */
export function need<T>(items: readonly T[], what: string): readonly T[] {
  if (items.length === 0) throw new Error(`fixtures have no ${what}: reseed with a larger scale`);
  return items;
}

/** `?a=1&b=x` from defined values, URI-encoded (search terms carry spaces and metacharacters). */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date-like string or epoch ms. */
export function isoDay(value: string | number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** A random [from, to] window of `minDays..maxDays` inside the span, as `YYYY-MM-DD` (inclusive). */
export function dayWindow(span: { from: string; to: string }, rnd: { int(n: number): number }, minDays: number, maxDays: number) {
  const start = Date.parse(isoDay(span.from));
  const end = Date.parse(isoDay(span.to));
  const spanDays = Math.max(0, Math.round((end - start) / DAY_MS));
  const length = Math.min(spanDays, minDays + rnd.int(maxDays - minDays + 1));
  const from = start + rnd.int(spanDays - length + 1) * DAY_MS;
  return { from: isoDay(from), to: isoDay(from + length * DAY_MS), days: length + 1 };
}
