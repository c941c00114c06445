/**
 * k6's own end-of-test metrics (http_reqs and its rate, iterations, dropped_iterations, data,
 * checks, http_req_duration, vus) in k6's layout, rebuilt from handleSummary's `data.metrics`:
 * a script with handleSummary loses k6's default summary, and its text formatter is only
 * reachable as a remote jslib import, which we do not allow. Plain TS: loaded by k6 and by Node.
 */
import type { SummaryMetric } from './empty-thresholds.ts';

const TIME_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];
/** The phases of http_req_duration: k6 v1's default (compact) summary leaves them out too. */
const HIDDEN = new Set(['http_req_blocked', 'http_req_connecting', 'http_req_receiving', 'http_req_sending', 'http_req_tls_handshaking', 'http_req_waiting']);
const NAME_WIDTH = 32;

/** One line per top-level metric (submetrics `name{…}` are perflab's, printed apart), sorted as k6 sorts them. */
export function k6TotalsLines(metrics: Record<string, SummaryMetric>): string[] {
  return Object.keys(metrics)
    .filter((name) => !name.includes('{') && !HIDDEN.has(name))
    .sort()
    .map((name) => `${`${name}`.padEnd(NAME_WIDTH, '.')}: ${metricValue(name, metrics[name] as SummaryMetric)}`);
}

function metricValue(name: string, metric: SummaryMetric): string {
  const v = metric.values;
  switch (metric.type) {
    case 'counter': {
      const bytes = name.startsWith('data_');
      const count = bytes ? humanBytes(v.count ?? 0) : String(v.count ?? 0);
      return `${count.padEnd(8)} ${bytes ? `${humanBytes(v.rate ?? 0)}/s` : `${round(v.rate ?? 0)}/s`}`;
    }
    case 'rate': {
      const total = (v.passes ?? 0) + (v.fails ?? 0);
      return `${`${((v.rate ?? 0) * 100).toFixed(2)}%`.padEnd(8)} ${v.passes ?? 0} out of ${total}`;
    }
    case 'gauge':
      return `${String(v.value ?? 0).padEnd(8)} min=${v.min ?? 0} max=${v.max ?? 0}`;
    case 'trend':
      return TIME_TREND_STATS.filter((s) => typeof v[s] === 'number')
        .map((s) => `${s}=${humanMs(v[s] as number)}`)
        .join(' ');
    default:
      return JSON.stringify(v);
  }
}

/** Milliseconds as k6 prints durations: µs, ms or s with two decimals. */
export function humanMs(ms: number): string {
  if (ms < 1) return `${round(ms * 1000)}µs`;
  if (ms < 1000) return `${round(ms)}ms`;
  return `${round(ms / 1000)}s`;
}

/** Bytes in decimal units, as k6 prints data_received / data_sent. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : round(value)} ${units[unit]}`;
}

const round = (x: number): string => String(Math.round(x * 100) / 100);
