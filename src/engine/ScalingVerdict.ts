import type { GrowthStep } from './findStep.js';
import type { GrowthJudgement } from './GrowthJudgement.js';
import type { GrowthHotspot } from './profileGrowth.js';
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
   * noise; the time cap left sizes with too few samples for an interval (then the point estimate decides); no size
   * got a single sample (calls too slow for the cap, or one never settled); the 'ops' metric counted no operation
   * at any size (no countOp() call ran); a step in cost was seen with too few sizes above it to judge there; or
   * the growth over the larger sizes came from below the top sizes, which are flat (a step near the top, or
   * growth that stopped), so a failure would not be confident; or the cap ended the sizes before calls reached
   * half the target ('short-sweep': growth that shows only at larger n was never reached). 'no-samples', 'no-ops'
   * and 'short-sweep' never pass: there is no evidence to pass on.
   */
  reason?: 'too-few-sizes' | 'timer-noise' | 'few-samples' | 'no-samples' | 'no-ops' | 'step' | 'flat-top' | 'short-sweep';
  /**
   * A one-time jump in cost per g(n) with flat cost on both sides (a cache, hash-table or gc threshold): the
   * verdict was judged on the sizes above it.
   */
  step?: GrowthStep;
  /**
   * For a time-growth failure of synchronous work: the functions whose share of the CPU time grows most between
   * the smallest and the largest size (from CPU profiles of both), and what the top one's time was spent in.
   */
  profile?: { hotspots: GrowthHotspot[]; hint?: 'regexp' | 'search' | 'copy' };
  judgement: GrowthJudgement;
  measurement: ScalingMeasurement;
  /** Sizes measured but left out of the fit: samples under 20 µs even batched, too few samples, or a metric of 0. */
  excluded: { n: number; reason: 'timer-noise' | 'few-samples' | 'zero' }[];
  /** Total CPU over total wall time of all samples. */
  cpuWallRatio: number;
  loadPerCore: number;
  contention?: string;
}
