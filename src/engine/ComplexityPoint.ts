/**
 * The measurements of a metric at one input size n: one value per sample (any unit, per call), e.g. per-call
 * CPU times in ns or operation counts.
 *
 * @example
 * const point: ComplexityPoint = { n: 1024, values: [51_200, 50_900, 52_010] };
 */
export interface ComplexityPoint {
  n: number;
  values: readonly number[];
}
