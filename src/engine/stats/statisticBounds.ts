import { quantile } from './summarize.js';

/**
 * Every statistic a time budget may name, in the order they are listed in messages.
 *
 * @example
 * statistics.includes('p95'); // true
 */
export const statistics = ['median', 'mean', 'p90', 'p95', 'p99'] as const;

/**
 * The statistic of per-call time that a time budget is compared with: the median (default, robust to
 * preemption), the mean (includes rare pauses such as gc, which it amortizes), or a high percentile.
 *
 * @example
 * await expect(() => handle(req)).toRunUnder(2, { statistic: 'p95' });
 */
export type Statistic = (typeof statistics)[number];

/**
 * A point estimate of a statistic with one-sided confidence bounds, all in the unit of the samples (ns in the
 * time engine). A bound is absent when the samples are too few to state it at the requested confidence.
 *
 * @example
 * const { estimate, upper } = statisticBounds(sortedNs, 'median', 0.001);
 */
export interface BoundedEstimate {
  estimate: number;
  lower?: number;
  upper?: number;
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below 1.2e-9 on
 * 0 < p < 1, far finer than any confidence level needs).
 *
 * @example
 * normalQuantile(0.975); // ≈ 1.959964
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, received ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  const q = Math.sqrt(-2 * Math.log1p(-p));
  return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
}

/**
 * Distribution-free one-sided confidence bounds for the q-quantile of a continuous distribution from m sorted
 * samples: the 1-based ranks of the order statistics X₍ₗ₎ ≤ ξ_q and X₍ᵤ₎ ≥ ξ_q, each holding with probability at
 * least 1 − alpha. A rank is absent when m samples are too few for that confidence.
 *
 * @example
 * orderStatisticBounds(20, 0.5, 0.01); // { lowerRank: 5, upperRank: 16 }
 */
export function orderStatisticBounds(m: number, q: number, alpha: number): { lowerRank?: number; upperRank?: number } {
  // X₍ᵤ₎ ≥ ξ_q exactly when fewer than u samples fall below ξ_q, i.e. Binomial(m, q) ≤ u − 1; symmetrically
  // X₍ₗ₎ ≤ ξ_q when at least l samples do. One pass over the binomial pmf finds both ranks.
  let lowerRank: number | undefined;
  let upperRank: number | undefined;
  let i = 0;
  for (const cdf of binomialCdfs(m, q)) {
    // cdf = P(B ≤ i). Lower rank l = i + 1 is valid while P(B ≤ l − 1) ≤ alpha.
    if (cdf <= alpha) lowerRank = i + 1;
    if (upperRank === undefined && cdf >= 1 - alpha) upperRank = i + 1;
    i += 1;
  }
  const bounds: { lowerRank?: number; upperRank?: number } = {};
  if (lowerRank !== undefined && lowerRank <= m) bounds.lowerRank = lowerRank;
  if (upperRank !== undefined && upperRank <= m) bounds.upperRank = upperRank;
  return bounds;
}

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

/**
 * P(X ≤ k) for X ~ Binomial(trials, p), from the same running sum that the order-statistic bounds use.
 *
 * @example
 * binomialCdf(3, 10, 0.5); // 0.171875
 */
export function binomialCdf(k: number, trials: number, p: number): number {
  if (k < 0) return 0;
  if (k >= trials) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  let i = 0;
  for (const cdf of binomialCdfs(trials, p)) {
    if (i === k) return Math.min(1, cdf);
    i += 1;
  }
  return 1;
}

/** P(B ≤ i) for B ~ Binomial(trials, p) and i = 0, 1, …, trials in turn, summed in log space so that thousands of trials do not underflow. */
function* binomialCdfs(trials: number, p: number): Generator<number> {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logCoefficient = 0; // log C(trials, 0)
  let cdf = 0;
  for (let i = 0; i <= trials; i++) {
    if (i > 0) logCoefficient += Math.log((trials - i + 1) / i);
    cdf += Math.exp(logCoefficient + i * logP + (trials - i) * logQ);
    yield cdf;
  }
}
