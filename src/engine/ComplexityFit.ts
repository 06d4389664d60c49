import type { ComplexityName } from './ComplexityName.js';
import type { SlopeInterval } from './SlopeInterval.js';

/**
 * What `fitComplexity` found: the growth exponent over the larger sizes, and the class whose curve a + b·g(n)
 * fits the medians best. Errors are relative (0.05 = the curve misses the medians by 5% RMS).
 *
 * @example
 * const { exponent, bestFit } = fitComplexity(points);
 * console.log(`n^${exponent.estimate.toFixed(2)}, best fit O(${bestFit})`);
 */
export interface ComplexityFit {
  /** Log-log slope of the median against n over `slopeSizes`, with its bootstrap 95% interval. */
  exponent: SlopeInterval;
  bestFit: ComplexityName;
  /** Relative RMS error of the best curve a + b·g(n) (a, b ≥ 0) for every class; Infinity when none fits with b ≥ 0. */
  relativeErrors: Record<ComplexityName, number>;
  /** The sizes the exponent was fitted over (the larger ones), ascending. */
  slopeSizes: number[];
}
