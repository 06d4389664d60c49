import { formatBytes } from './formatBytes.js';
import { formatDuration } from './formatDuration.js';

/**
 * A metric's value in its unit: durations for `'ns'`, byte sizes for `'B'`, else three significant digits and
 * the unit (`1.25k ops` style is avoided: counts are printed in full below a million).
 *
 * @example
 * formatMetricValue(2_500_000, 'ns'); // '2.50 ms'
 * formatMetricValue(1536, 'ops');     // '1 536 ops'
 */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'ns') return formatDuration(value);
  if (unit === 'B') return formatBytes(value);
  if (Math.abs(value) >= 1e6) return `${value.toPrecision(3)} ${unit}`;
  const shown = Number.isInteger(value) ? value.toLocaleString('en-US').replace(/,/g, ' ') : value.toPrecision(3);
  return `${shown} ${unit}`;
}
