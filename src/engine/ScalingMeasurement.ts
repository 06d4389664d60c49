import type { ScaleMetricName } from './ScaleMetricName.js';
import type { SizeMeasurement } from './SizeMeasurement.js';

/**
 * The result of a size sweep: the sizes measured (ascending) and how the sweep went. Times in ns.
 *
 * @example
 * const { sizes, sizing, elapsedNs } = await measureScaling(n => toWorkload(workload, n), options);
 */
export interface ScalingMeasurement {
  metric: ScaleMetricName;
  unit: string;
  sizes: SizeMeasurement[];
  /** Whether calls returned promises (then time is judged on the wall clock). */
  async: boolean;
  clock: 'cpu' | 'wall';
  /**
   * Why the sizes ended where they did: given by the user; one call reached the target duration; the size cap;
   * calls still too short past n = 1 024 for memory effects not to dominate;
   * setup too costly to batch further; the next size predicted (or measured) to outlast the remaining budget;
   * the probing share of the time cap used up; a pending call abandoned.
   */
  sizing: 'given' | 'target' | 'max-size' | 'short-calls' | 'setup-cost' | 'over-budget' | 'time-cap' | 'call-timeout';
  /** The size that stopped the sweep for its cost, with its predicted or measured call time. */
  stoppedAt?: { n: number; callNs: number; predicted: boolean };
  /** Why sampling ended: every size got its samples, the time cap, or a pending call abandoned. */
  sampling: 'complete' | 'time-cap' | 'call-timeout';
  /** Automatic sizes grew until one call took this long (ns). */
  targetCallNs: number;
  /** Samples asked for per size. */
  samplesPerSize: number;
  elapsedNs: number;
}
