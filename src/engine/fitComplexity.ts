import { bootstrapSlopes } from './bootstrapSlopes.js';
import { checkPoints } from './checkPoints.js';
import { complexityClasses } from './complexityClasses.js';
import type { ComplexityFit } from './ComplexityFit.js';
import type { ComplexityName } from './ComplexityName.js';
import type { ComplexityPoint } from './ComplexityPoint.js';
import type { FitOptions } from './FitOptions.js';
import { largerSizes } from './largerSizes.js';
import { quantile } from './quantile.js';
import { seededRandom } from './seededRandom.js';

/** A simpler class is preferred while its error is within this share of the best one's… */
const parsimonyShare = 0.1;
/** …or within this absolute relative error (exact data: rounding, not shape). */
const parsimonyFloor = 0.002;

/**
 * Fits measurements taken at several input sizes: the log-log growth exponent over the larger sizes with a
 * bootstrap 95% interval, and the best-fitting complexity class, i.e. the simplest class whose curve a + b·g(n)
 * (a constant overhead plus the class's growth) fits the medians about as well as any. Values in any one unit.
 *
 * @param points - at least 2 sizes n (positive integers) with per-call values (positive, any unit).
 * @param options - the bootstrap's random source and number of resamples.
 * @example
 * const fit = fitComplexity([{ n: 1000, values: [1.1e4] }, { n: 2000, values: [2.3e4] }, { n: 4000, values: [4.4e4] }]);
 * fit.bestFit; // 'n'
 */
export function fitComplexity(points: readonly ComplexityPoint[], options: FitOptions = {}): ComplexityFit {
  const sorted = checkPoints('fitComplexity', points, 2);
  const slopePoints = largerSizes(sorted);
  const [exponent] = bootstrapSlopes(slopePoints, [() => 0], options.random ?? seededRandom(1), options.resamples ?? 1000);
  const medians = sorted.map((p) => quantile([...p.values].sort((a, b) => a - b), 0.5));
  const names = Object.keys(complexityClasses) as ComplexityName[];
  const relativeErrors = Object.fromEntries(names.map((name) => [name, curveError(sorted, medians, name)])) as Record<ComplexityName, number>;
  const best = Math.min(...names.map((name) => relativeErrors[name]));
  const bestFit = names.find((name) => relativeErrors[name] <= best + Math.max(parsimonyShare * best, parsimonyFloor)) ?? 'n';
  return { exponent: exponent ?? { estimate: NaN, lower: NaN, upper: NaN }, bestFit, relativeErrors, slopeSizes: slopePoints.map((p) => p.n) };
}

/**
 * Relative RMS error of the best a + b·g(n) with a, b ≥ 0: least squares on relative residuals (1 − fit/y), so
 * every size weighs the same whatever its magnitude. g is scaled to ≤ 1 first so that 2^n cannot overflow.
 */
function curveError(points: readonly ComplexityPoint[], medians: readonly number[], name: ComplexityName): number {
  const { logG } = complexityClasses[name];
  const logs = points.map((p) => logG(p.n));
  const top = Math.max(...logs);
  const u = medians.map((y) => 1 / y);
  const v = medians.map((y, i) => Math.exp((logs[i] as number) - top) / y);
  const sum = (f: (i: number) => number): number => medians.reduce((s, _, i) => s + f(i), 0);
  const uu = sum((i) => (u[i] as number) ** 2);
  const vv = sum((i) => (v[i] as number) ** 2);
  const uv = sum((i) => (u[i] as number) * (v[i] as number));
  const su = sum((i) => u[i] as number);
  const sv = sum((i) => v[i] as number);
  const rms = (a: number, b: number): number => Math.sqrt(sum((i) => (1 - a * (u[i] as number) - b * (v[i] as number)) ** 2) / medians.length);

  if (name === '1') return rms(su / uu, 0);
  const det = uu * vv - uv * uv;
  if (Math.abs(det) > 1e-12 * uu * vv) {
    const a = (su * vv - sv * uv) / det;
    const b = (sv * uu - su * uv) / det;
    if (a >= 0 && b >= 0) return rms(a, b);
  }
  // The unconstrained optimum needs a negative part: the best admissible curve lies on an edge of a, b ≥ 0,
  // and b = 0 is the constant, which is class '1' and not this one.
  const b = sv / vv;
  return b > 0 ? rms(0, b) : Infinity;
}
