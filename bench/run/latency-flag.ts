import { UsageError } from '../../lib/usage-error.ts';

/**
 * `--db-latency` / `--cache-latency`: an added round trip in whole milliseconds (`2ms` or `2`),
 * 0 to 1000. A fraction is refused, never rounded: Toxiproxy's latency toxic takes integer ms
 * (toxics/latency.go: `Latency int64`, multiplied by time.Millisecond), and a run must never
 * measure another latency than the one it states.
 */
export function latencyFlag(flag: string, raw: unknown): number {
  if (raw === undefined || raw === '' || raw === false) return 0;
  const text = String(raw).trim();
  const match = /^(\d+(?:\.\d+)?)(ms)?$/.exec(text);
  if (!match) throw new UsageError(`--${flag} must be a round-trip time in milliseconds such as 1ms, got '${text}'`);
  const ms = Number(match[1]);
  if (!Number.isInteger(ms)) throw new UsageError(`--${flag} ${text}: Toxiproxy's latency toxic adds whole milliseconds only (try ${Math.max(1, Math.round(ms))}ms)`);
  if (ms > 1000) throw new UsageError(`--${flag} must be between 0 and 1000 ms, got '${text}'`);
  return ms;
}
