import { formatMs } from './format-figures.ts';
import type { Results, ScenarioRun } from '../results/types.ts';

/** One SLO threshold of one comparison and driver that failed in at least one run. */
export interface SloFailure {
  comparison: string;
  driver: string;
  /** e.g. "http_req_duration p(95)<200 ms". */
  threshold: string;
  /** The measured values of the runs that failed it, with units: "250 ms", "2% of requests". */
  measured: string[];
  failedRuns: number;
  runs: number;
}

/** Whether the run met its SLOs: the thresholds stored on the optimized runs (the naive side carries none). */
export interface SloOutcome {
  /** Distinct (comparison, driver, threshold) checked. */
  checked: number;
  failures: SloFailure[];
}

/** Groups every stored threshold result by comparison, driver and condition; a threshold fails when any of its runs failed it. */
export function sloOutcome(results: Results): SloOutcome {
  const groups = new Map<string, { run: ScenarioRun; passed: boolean; actual: number | null; metric: string; condition: string }[]>();
  for (const run of results.scenarios) {
    for (const threshold of run.thresholds) {
      const key = [run.comparison, run.driver, threshold.metric, threshold.condition].join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), { run, ...threshold }]);
    }
  }
  const failures: SloFailure[] = [];
  for (const checks of groups.values()) {
    const failed = checks.filter((check) => !check.passed);
    const first = checks[0];
    if (!first || failed.length === 0) continue;
    failures.push({
      comparison: first.run.comparison,
      driver: first.run.driver,
      threshold: thresholdWithUnit(first.metric, first.condition),
      measured: failed.map((check) => measuredValue(first.metric, check.actual)),
      failedRuns: failed.length,
      runs: checks.length,
    });
  }
  return { checked: groups.size, failures };
}

/** One failure in a sentence: "orders-with-items · autocannon: http_req_failed rate<0.01 (1% of requests) — measured 2% of requests in 1 of 3 runs". */
export function sloFailureText(failure: SloFailure): string {
  return `${failure.comparison} · ${failure.driver}: ${failure.threshold} — measured ${failure.measured.join(', ')} in ${failure.failedRuns} of ${failure.runs} ${failure.runs === 1 ? 'run' : 'runs'}`;
}

/** A catalog condition with its unit: durations are milliseconds, rates shares of requests. */
export function thresholdWithUnit(metric: string, condition: string): string {
  if (isDuration(metric)) return `${metric} ${condition} ms`;
  const rate = /^rate\s*[<>]=?\s*(\d+(?:\.\d+)?)$/.exec(condition.trim());
  if (rate) return `${metric} ${condition} (${percent(Number(rate[1]))} of requests)`;
  return `${metric} ${condition}`;
}

/** A threshold's measured value with its unit: "12.3 ms", "2% of requests"; "no value" when the metric produced none. */
export function measuredValue(metric: string, actual: number | null): string {
  if (actual === null) return 'no value (metric missing?)';
  if (isDuration(metric)) return `${formatMs(actual)} ms`;
  if (metric === 'http_req_failed' || metric === 'checks') return `${percent(actual)} of requests`;
  return String(actual);
}

function isDuration(metric: string): boolean {
  return /_duration$|_waiting$|_connecting$|_blocked$|_sending$|_receiving$|_tls_handshaking$/.test(metric);
}

function percent(share: number): string {
  const value = share * 100;
  return `${value === 0 ? 0 : Number(value.toPrecision(2))}%`;
}
