import type { ComplexityFit } from './ComplexityFit.js';
import type { ComplexityName } from './ComplexityName.js';
import type { SlopeInterval } from './SlopeInterval.js';

/**
 * The verdict on "grows at most like g": the excess slope of log(metric / g(n)) over the larger sizes, with its
 * bootstrap 95% interval, against the tolerance (both dimensionless exponents of n). `fit` and `excess` are
 * absent when fewer than two sizes were usable.
 *
 * @example
 * const judgement = judgeGrowth(points, 'n', { toleranceSlope: 0.25 });
 * if (judgement.verdict === 'fail') console.log(judgement.excess?.lower);
 */
export interface GrowthJudgement {
  verdict: 'pass' | 'fail' | 'inconclusive';
  /**
   * What the assertion reports: false on evidence of faster growth, or, inconclusive, a point estimate above the
   * tolerance or no estimate at all (fewer than two sizes).
   */
  pass: boolean;
  /** Why the verdict is inconclusive: fewer than four usable sizes. */
  reason?: 'too-few-sizes';
  bound: ComplexityName;
  toleranceSlope: number;
  excess?: SlopeInterval;
  fit?: ComplexityFit;
}
