-- wrk's done() hook: print its own latency histogram's percentiles (µs) as one JSON line,
-- so perflab reads p95 and p99.9 too (the --latency table stops at 50/75/90/99).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'PERFLAB_WRK {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"p999":%d,"max":%d,"mean":%f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
end
