/**
 * Number formatting shared by the renderers: latency keeps microsecond detail below a
 * millisecond (0.41 ms, 0.041 ms) without printing noise digits on large values.
 */

/** Milliseconds: 3 significant digits below 10 ms, 1 decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms === 0) return '0';
  if (ms < 10) return trimZeros(ms.toPrecision(3));
  if (ms < 100) return ms.toFixed(1);
  return groupThousands(Math.round(ms));
}

/** Requests per second: whole numbers with thousands separators, one decimal under 10. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return '—';
  return perSec < 10 ? trimZeros(perSec.toFixed(1)) : groupThousands(Math.round(perSec));
}

/** A ratio such as 3.41×; null or non-finite → an em dash. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${ratio >= 100 ? Math.round(ratio) : ratio.toPrecision(3)}×`;
}

/** Queries per request keep one decimal when fractional (cache hits make averages like 0.2). */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? groupThousands(value) : trimZeros(value.toFixed(value < 10 ? 2 : 1));
}

/** Bytes in binary units: 512 B, 3.4 KiB, 7.8 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A 0..1 share as a percentage. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

function groupThousands(value: number): string {
  return value.toLocaleString('en-US');
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}
