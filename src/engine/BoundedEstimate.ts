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
