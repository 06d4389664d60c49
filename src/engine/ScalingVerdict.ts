import type { GrowthJudgement } from './GrowthJudgement.js';
import type { ScalingMeasurement } from './ScalingMeasurement.js';

/**
 * The outcome of `judgeScaling`: the verdict, the growth judgement it rests on, the sweep's measurements, the
 * sizes left out of the fit (and why), and signs of CPU contention.
 *
 * @example
 * const result = await judgeScaling(at, 'n log n', { metric: 'time' });
 * if (result.verdict === 'inconclusive') console.warn(result.reason);
 */
export interface ScalingVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  pass: boolean;
  /**
   * Why inconclusive: fewer than four usable sizes, because of the sweep itself or because sizes were below timer
   * noise; or the time cap left sizes with too few samples for an interval (then the point estimate decides).
   */
  reason?: 'too-few-sizes' | 'timer-noise' | 'few-samples';
  judgement: GrowthJudgement;
  measurement: ScalingMeasurement;
  /** Sizes measured but left out of the fit: samples under 20 µs even batched, too few samples, or a metric of 0. */
  excluded: { n: number; reason: 'timer-noise' | 'few-samples' | 'zero' }[];
  /** Total CPU over total wall time of all samples. */
  cpuWallRatio: number;
  loadPerCore: number;
  contention?: string;
}
