import { quantile } from './quantile.js';
import type { Summary } from './Summary.js';

/**
 * Count, min, median, p95, max and MAD of a non-empty sample (any unit; the input need not be sorted).
 *
 * @example
 * summarize([3, 1, 2]).median; // 2
 */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] as number,
    median,
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] as number,
    mad: quantile(deviations, 0.5),
  };
}
