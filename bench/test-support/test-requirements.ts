/**
 * For `it.skipIf(requireOrSkip('Redis', available))`: returns true (skip) when `available` is
 * false, unless `PERFLAB_REQUIRE_ALL=1` (CI), where a missing requirement throws instead so
 * that a machine without Redis/k6/… cannot pass by skipping.
 */
export function requireOrSkip(name: string, available: boolean): boolean {
  if (available) return false;
  if (process.env.PERFLAB_REQUIRE_ALL === '1') {
    throw new Error(`${name} is required (PERFLAB_REQUIRE_ALL=1) but is not available on this machine`);
  }
  return true;
}
