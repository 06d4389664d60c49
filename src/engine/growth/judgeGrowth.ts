import { seededRandom } from '../stats/seededRandom.js';
import { complexityClasses } from './complexityClasses.js';
import type { ComplexityName } from './complexityClasses.js';
import { bootstrapSlopes, checkPoints, fitComplexity, largerSizes } from './fitComplexity.js';
import type { ComplexityFit, SlopeInterval, ComplexityPoint, FitOptions } from './fitComplexity.js';

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

/** Fewer usable sizes than this give an inconclusive verdict (a slope through 2–3 points has no real interval). */
const minConclusiveSizes = 4;

/**
 * Decides whether measurements grow at most like the class `bound`: fails only when the lower end of the
 * bootstrap 95% interval of the excess slope (of log(median / g(n)) against log n, over the larger sizes)
 * exceeds `toleranceSlope`, i.e. when the data show growth significantly faster than g by more than the
 * tolerance. With 2–3 sizes the verdict is inconclusive and decided by the point estimate; with fewer, it is
 * inconclusive and does not pass (there is no evidence to pass on).
 *
 * @param points - per-call values (any positive unit) at each input size n.
 * @param bound - the class the growth must not exceed.
 * @param options - `toleranceSlope` (exponent of n; 0.25 suits time, 0.05 exact counts) and the bootstrap's source.
 * @example
 * judgeGrowth([{ n: 1e3, values: [1e3] }, { n: 2e3, values: [4e3] }, { n: 4e3, values: [16e3] }, { n: 8e3, values: [64e3] }], 'n', { toleranceSlope: 0.05 }).verdict; // 'fail'
 */
export function judgeGrowth(points: readonly ComplexityPoint[], bound: ComplexityName, options: FitOptions & { toleranceSlope: number }): GrowthJudgement {
  const { toleranceSlope } = options;
  // No growth can be read from fewer than two sizes, and a verdict needs evidence: this never passes.
  if (points.length < 2) return { verdict: 'inconclusive', pass: false, reason: 'too-few-sizes', bound, toleranceSlope };
  const random = options.random ?? seededRandom(1);
  const resamples = options.resamples ?? 1000;
  const sorted = checkPoints('judgeGrowth', points, 2);
  // The exponent and the excess come from the same resamples, so that their intervals agree (for '1' they are
  // the same slope).
  const [exponent, excess] = bootstrapSlopes(largerSizes(sorted), [() => 0, complexityClasses[bound].logG], random, resamples);
  if (exponent === undefined || excess === undefined) throw new Error('judgeGrowth: no slope was computed');
  const fit = { ...fitComplexity(sorted, { random, resamples: 0 }), exponent };
  const result = { bound, toleranceSlope, excess, fit };
  if (sorted.length < minConclusiveSizes) {
    return { ...result, verdict: 'inconclusive', pass: excess.estimate <= toleranceSlope, reason: 'too-few-sizes' };
  }
  const fails = excess.lower > toleranceSlope;
  return { ...result, verdict: fails ? 'fail' : 'pass', pass: !fails };
}
