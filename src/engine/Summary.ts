/**
 * Order statistics of a sample, in the sample's unit (ns for times).
 *
 * @example
 * const { medianNs } = summarize(perCallNs);
 */
export interface Summary {
  count: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  /** Median absolute deviation from the median: a spread that outliers do not inflate. */
  mad: number;
}
