import type { Fact } from './environment-facts.ts';
import { formatRate } from './format-figures.ts';
import type { Results } from '../results/types.ts';

/** The share of its floor each optimized endpoint reached (perflab run --floor): one line per comparison; empty without --floor. */
export function floorFacts(results: Results): Fact[] {
  return (results.floors ?? []).map((floor) => ({
    label: floor.comparison,
    value: `${floor.share === null ? 'no endpoint run at the same connections' : `${Math.round(floor.share * 100)}% of floor`}: endpoint ${floor.endpointThroughput === null ? '–' : formatRate(floor.endpointThroughput)} req/s, floor ${formatRate(floor.opsPerSec)} calls/s straight on its deps at ${floor.connections} in flight${floor.failed > 0 ? ` (${floor.failed} calls failed)` : ''}`,
  }));
}

/** What the floor is, for the heading's note. */
export const FLOOR_NOTE = 'The floor: the optimized variant called straight in a child process with the API\'s own pool and cache, inputs parsed (per call when a key must not repeat: a rate-limit bucket) and tokens verified once (no HTTP, no auth, no JSON serialisation), at the connections of its runs. Below 90% the HTTP layer costs more than it should.';
