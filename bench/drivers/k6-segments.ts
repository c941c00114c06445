/**
 * k6's own way of splitting one test across instances: each runs `--execution-segment a:b` of the
 * same `--execution-segment-sequence 0,1/N,…,1`, so k6 hands every instance its share of the
 * arrivals and VUs (by iteration index). Built exactly as grafana/k6-operator builds the flags
 * for a TestRun with `parallelism: N` (pkg/segmentation/segmentation.go, NewCommandFragments).
 */

/** `i/n` as k6-operator writes it: `0` and `1` at the ends. */
const point = (i: number, n: number): string => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);

/** The segment sequence shared by every instance: `0,1/N,2/N,…,1`. */
export function segmentSequence(instances: number): string {
  return Array.from({ length: instances + 1 }, (_, i) => point(i, instances)).join(',');
}

/**
 * The k6 flags of instance `index` (0-based) of `instances`; none for a single instance, which
 * runs the whole test as before.
 */
export function segmentFlags(index: number, instances: number): string[] {
  if (!Number.isInteger(instances) || instances < 1) throw new RangeError(`instances must be a whole number ≥ 1, got ${instances}`);
  if (!Number.isInteger(index) || index < 0 || index >= instances) throw new RangeError(`instance index ${index} is outside 0..${instances - 1}`);
  if (instances === 1) return [];
  return [`--execution-segment=${point(index, instances)}:${point(index + 1, instances)}`, `--execution-segment-sequence=${segmentSequence(instances)}`];
}
