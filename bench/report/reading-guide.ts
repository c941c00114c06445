/** How to read a report's figures, one plain-text item each: results.md folds it in <details>, report.html lists it. */
export const READING_GUIDE = [
  'req/s and latencies are medians over repeats (latency percentiles from the merged HDR histograms); they compare only with runs on the same host. p50, p99, p99.9, the HDR percentile plot and throughput per second are in report.html.',
  'Ratios and queries/req compare anywhere. A ratio > 1 means the optimized side is better: optimized/naive for req/s (closed model: connections fixed), naive/optimized for p95 (open model: arrival rate fixed). The ratio is the geometric mean over paired, interleaved repeats with a Student-t 95% interval on the log scale (samples are runs, not requests); fewer than 3 pairs give no interval. "faster"/"slower" need the interval to exclude 1 and the ratio to reach 1.05×; "failed": the optimized side failed over 1% of its requests; `--quick` draws no verdict.',
  '"server saturated — capacity ratio ≥ X": the naive side could not hold the offered rate, so its latency grew with the run length and is no speedup; X is the throughput ratio, a lower bound of the capacity ratio since the optimized side held the rate.',
  'Flags: "generator saturated" means the load generator\'s CPU, not the server, limited the run; "server saturated" means an open-model run delivered under 95% of its arrival rate while the generator idled; "decay" means throughput fell steadily during the run (a fitted slope, not noise).',
  'SLOs are the catalog thresholds, checked on the optimized side; the naive side is expected to miss them and never fails the run.',
  '"of ceiling" (report.html) is req/s against the no-op route with the same driver; near 100% the HTTP stack, not the endpoint, is the limit.',
] as const;
