import type { ScaleMetricName } from '../engine/ScaleMetricName.js';

/**
 * Options of `toScaleAtMost`.
 *
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('n log n', { sizes: [1000, 2000, 4000, 8000], samples: 9 });
 */
export interface ScaleOptions {
  /** Input sizes to measure: at least 4 increasing positive integers (default: chosen automatically). */
  sizes?: readonly number[];
  /** What grows (default `'time'`); `'ops'` counts `countOp()` calls exactly. */
  metric?: ScaleMetricName;
  /** Cap on measuring time for this assertion, setup included, in ms (default 2000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
  /** Samples per size (default 9 for time, 5 for `'ops'`; at least 3 for time). */
  samples?: number;
}
