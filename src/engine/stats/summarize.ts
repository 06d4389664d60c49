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

/**
 * The q-quantile of ascending-sorted values, interpolating linearly between order statistics (type 7, as R and
 * NumPy default). Units are those of the values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/**
 * The median of values in any order (type 7, as `quantile`), in their unit.
 *
 * @example
 * median([3, 1, 2, 10]); // 2.5
 */
export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

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
