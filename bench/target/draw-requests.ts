import { seededRandom } from '../../lib/seeded-random.ts';
import type { RequestSpec } from '../../scenarios/types.ts';
import { toRequestSpec, type RequestList } from './request-list.ts';

/**
 * Pure: `count` requests drawn from the list in proportion to their weights, from `seed` (the same
 * seed draws the same sequence, so both sides of a repeat and a re-run replay the same requests).
 */
export function drawRequests(list: RequestList, count: number, seed: number): RequestSpec[] {
  const specs = list.requests.map(toRequestSpec);
  if (specs.length === 1) return Array.from({ length: count }, () => specs[0] as RequestSpec);
  const total = list.requests.reduce((sum, r) => sum + r.weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const r of list.requests) cumulative.push((running += r.weight / total));
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const x = random();
    const index = cumulative.findIndex((edge) => x < edge);
    return specs[index < 0 ? specs.length - 1 : index] as RequestSpec;
  });
}
