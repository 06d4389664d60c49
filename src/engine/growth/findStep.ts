import { complexityClasses } from './complexityClasses.js';
import { median } from '../stats/summarize.js';
import type { ComplexityName } from './complexityClasses.js';
import type { ComplexityPoint } from './fitComplexity.js';
import { judgeGrowth } from './judgeGrowth.js';
import type { GrowthJudgement } from './judgeGrowth.js';

/** Sizes needed above a step to judge the growth there (a slope through fewer has no usable interval)… */
const minSizesAbove = 3;
/** …spanning about 4× in n (3.9: automatic sizes are rounded). */
const minRangeAbove = 3.9;
/** Sizes below the step that must be flat too, so that a rise which starts and keeps going is not called a step. */
const minSizesBelow = 2;
/** A jump counts as a step only when its local excess slope is this many tolerances above the bound. */
const jumpTolerances = 2;
/** A step may be spread over this many consecutive intervals between sizes (the jump falls between two of them). */
const maxStepIntervals = 2;

/**
 * A one-time jump in cost per g(n) (a cache or hash-table threshold, a gc tier change): the interval of sizes
 * where the excess over the bound jumps, the factor of the jump, and the growth judged on the sizes above it.
 *
 * @example
 * const step = findStep(points, 'n', 0.25);
 * if (step) console.log(`a ×${step.factor.toFixed(1)} step between n = ${step.fromN} and ${step.toN}`);
 */
export interface GrowthStep {
  /** The largest size below the jump and the smallest above it. */
  fromN: number;
  toN: number;
  /** How many times the cost per g(n) grew across the jump. */
  factor: number;
  /** The growth judged on the sizes from `toN` up. */
  above: GrowthJudgement;
}

/**
 * Looks for a step instead of a slope: an interval of sizes where the cost per g(n) jumps, with the sizes on
 * both sides flat within the tolerance (by the point estimate over all sizes on each side, and above also by
 * `judgeGrowth`, which must not fail). Steady growth (a slope) has no flat side above and is never a step; a rise that starts at some n and
 * keeps going fails above. Returns the steepest such jump, or undefined.
 *
 * @param points - per-call values (positive, any unit) at each input size n.
 * @param bound - the class the growth must not exceed.
 * @param toleranceSlope - the metric's tolerance on the excess slope (an exponent of n).
 * @example
 * const step = findStep([...], 'n', 0.25, seededRandom(1));
 * step?.above.verdict; // 'pass' when the cost per item is flat above the step
 */
export function findStep(points: readonly ComplexityPoint[], bound: ComplexityName, toleranceSlope: number, random?: () => number): GrowthStep | undefined {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const { logG } = complexityClasses[bound];
  const excess = sorted.map((p) => Math.log(median(p.values)) - logG(p.n));
  let best: GrowthStep | undefined;
  let bestSlope = -Infinity;
  for (let below = minSizesBelow - 1; below < sorted.length - minSizesAbove; below++) {
    for (let span = 1; span <= maxStepIntervals; span++) {
      const top = below + span;
      const above = sorted.slice(top);
      const from = sorted[below] as ComplexityPoint;
      const to = sorted[top] as ComplexityPoint;
      if (above.length < minSizesAbove || (above.at(-1) as ComplexityPoint).n < minRangeAbove * to.n) continue;
      const jump = (excess[top] as number) - (excess[below] as number);
      const jumpSlope = jump / Math.log(to.n / from.n);
      if (jumpSlope <= jumpTolerances * toleranceSlope) continue;
      if (slope(sorted.slice(0, below + 1).map((p) => p.n), excess.slice(0, below + 1)) > toleranceSlope) continue;
      if (slope(above.map((p) => p.n), excess.slice(top)) > toleranceSlope) continue;
      const judged = judgeGrowth(above, bound, { toleranceSlope, ...(random === undefined ? {} : { random }) });
      if (judged.verdict === 'fail' || judged.pass === false) continue;
      // The steepest qualifying jump: it locates the step most narrowly.
      if (best === undefined || jumpSlope > bestSlope) {
        best = { fromN: from.n, toN: to.n, factor: Math.exp(jump), above: judged };
        bestSlope = jumpSlope;
      }
    }
  }
  return best;
}

function slope(ns: readonly number[], ys: readonly number[]): number {
  const x = ns.map(Math.log);
  const meanX = x.reduce((s, v) => s + v, 0) / x.length;
  const meanY = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - meanX) * ((ys[i] as number) - meanY);
    sxx += (xi - meanX) ** 2;
  });
  return sxx === 0 ? 0 : sxy / sxx;
}
