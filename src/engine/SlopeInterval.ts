/**
 * A log-log slope (dimensionless) with the bounds of its bootstrap 95% interval; the bounds equal the estimate
 * when every size has a single value or identical values.
 *
 * @example
 * const { estimate, lower, upper } = fitComplexity(points).exponent;
 */
export interface SlopeInterval {
  estimate: number;
  lower: number;
  upper: number;
}
