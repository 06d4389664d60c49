/**
 * Options of `fitComplexity` and `judgeGrowth`: the random source of the bootstrap and its number of resamples.
 *
 * @example
 * fitComplexity(points, { random: seededRandom(7), resamples: 2000 });
 */
export interface FitOptions {
  /** Uniform numbers in [0, 1) (default: a generator with a fixed seed, so verdicts are repeatable). */
  random?: () => number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
}
