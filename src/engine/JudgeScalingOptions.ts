import type { Clock } from './Clock.js';
import type { ScaleMetric } from './ScaleMetric.js';

/**
 * Options of `judgeScaling`. Durations in ms as named.
 *
 * @example
 * await judgeScaling(at, 'n', { metric: opsMetric, sizes: [1000, 2000, 4000, 8000], maxTimeMs: 2000 });
 */
export interface JudgeScalingOptions {
  metric: ScaleMetric;
  sizes?: readonly number[];
  /** Samples per size (default 9 for time, 5 for deterministic metrics). */
  samples?: number;
  /** Cap on the whole assertion (default 2000 ms). */
  maxTimeMs?: number;
  clock?: Clock;
  /** Uniform numbers in [0, 1) for the size order and the bootstrap (default: a fixed seed). */
  random?: () => number;
  loadPerCore?: () => number;
  /** Automatic sizes grow until one call lasts this long, in ns (default: a third of one sample's share of the cap, 16.7 ms at 2 s and 9 samples). */
  targetCallNs?: number;
  /** Automatic sizes stop at this n (default 2^20). */
  maxSize?: number;
  /** Whether a time-growth failure takes CPU profiles to say where the growing time goes (default true). */
  profile?: boolean;
}
