import type { Clock } from './Clock.js';
import type { ScaleMetric } from './ScaleMetric.js';

/**
 * Options of `measureScaling`. Durations in the unit their names say.
 *
 * @example
 * await measureScaling(at, { metric: timeMetric, samples: 9, maxTimeMs: 2000, clock: nativeClock, random: seededRandom(1) });
 */
export interface ScalingOptions {
  metric: ScaleMetric;
  /** Sizes to measure (ascending positive integers); chosen automatically when absent. */
  sizes?: readonly number[];
  /** Samples per size. */
  samples: number;
  /** Cap on the whole sweep's wall time, setup included. */
  maxTimeMs: number;
  clock: Clock;
  /** Uniform numbers in [0, 1) that shuffle the order of sizes in each round. */
  random: () => number;
  /** Automatic sizes grow until one call does this much work (default 4 ms). */
  targetCallNs?: number;
  /** Automatic sizes stop here (default 2^20). */
  maxSize?: number;
}
