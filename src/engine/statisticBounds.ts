import { normalQuantile } from './normalQuantile.js';
import { orderStatisticBounds } from './orderStatisticBounds.js';
import { quantile } from './quantile.js';
import type { Statistic } from './Statistic.js';
import type { BoundedEstimate } from './BoundedEstimate.js';

/** Samples below which the mean gets no bounds: its interval rests on the central limit theorem. */
const minSamplesForMean = 30;

const quantileOf: Record<Exclude<Statistic, 'mean'>, number> = { median: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

/**
 * Estimate and one-sided (1 − alpha) confidence bounds of a statistic of ascending-sorted samples (any unit).
 * Quantiles use exact order-statistic bounds; the mean uses a normal interval from 30 samples on.
 *
 * @example
 * statisticBounds([9, 10, 10, 11, 12], 'median', 0.05); // { estimate: 10, lower: 9, upper: 12 } or narrower
 */
export function statisticBounds(sorted: readonly number[], statistic: Statistic, alpha: number): BoundedEstimate {
  const m = sorted.length;
  if (statistic === 'mean') {
    const mean = sorted.reduce((sum, x) => sum + x, 0) / m;
    if (m < minSamplesForMean) return { estimate: mean };
    const variance = sorted.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (m - 1);
    const halfWidth = normalQuantile(1 - alpha) * Math.sqrt(variance / m);
    return { estimate: mean, lower: mean - halfWidth, upper: mean + halfWidth };
  }
  const q = quantileOf[statistic];
  const result: BoundedEstimate = { estimate: quantile(sorted, q) };
  const { lowerRank, upperRank } = orderStatisticBounds(m, q, alpha);
  if (lowerRank !== undefined) result.lower = sorted[lowerRank - 1] as number;
  if (upperRank !== undefined) result.upper = sorted[upperRank - 1] as number;
  return result;
}
