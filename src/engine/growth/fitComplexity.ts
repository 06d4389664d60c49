import { seededRandom } from '../stats/seededRandom.js';
import { median, quantile } from '../stats/summarize.js';
import { complexityClasses } from './complexityClasses.js';
import type { ComplexityName } from './complexityClasses.js';

/**
 * The measurements of a metric at one input size n: one value per sample (any unit, per call), e.g. per-call
 * CPU times in ns or operation counts.
 *
 * @example
 * const point: ComplexityPoint = { n: 1024, values: [51_200, 50_900, 52_010] };
 */
export interface ComplexityPoint {
  n: number;
  values: readonly number[];
}

/**
 * A log-log slope (dimensionless) with the bounds of its bootstrap 95% interval; the bounds equal the estimate
 * when every size has a single value or identical values.
 *
 * @example
 * const { estimate, lower, upper } = fitComplexity(points).exponent;
 */
export interface SlopeInterval {
  estimate: number;
  lower: number;
  upper: number;
}

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

/**
 * What `fitComplexity` found: the growth exponent over the larger sizes, and the class whose curve a + b·g(n)
 * fits the medians best. Errors are relative (0.05 = the curve misses the medians by 5% RMS).
 *
 * @example
 * const { exponent, bestFit } = fitComplexity(points);
 * console.log(`n^${exponent.estimate.toFixed(2)}, best fit O(${bestFit})`);
 */
export interface ComplexityFit {
  /** Log-log slope of the median against n over `slopeSizes`, with its bootstrap 95% interval. */
  exponent: SlopeInterval;
  bestFit: ComplexityName;
  /** Relative RMS error of the best curve a + b·g(n) (a, b ≥ 0) for every class; Infinity when none fits with b ≥ 0. */
  relativeErrors: Record<ComplexityName, number>;
  /** The sizes the exponent was fitted over (the larger ones), ascending. */
  slopeSizes: number[];
}

/** The slope is fitted over at least this many sizes (or all, when there are fewer). */
const minSizes = 4;
/** Share of the sizes, from the largest down, that the slope is fitted over. */
const share = 0.6;

/**
 * The larger sizes among measured points, where constant overheads and warm-up effects have faded: the largest
 * 60% of them, and never fewer than four (or all when there are fewer). Returned in ascending n.
 *
 * @example
 * largerSizes(points).map(p => p.n); // e.g. [4096, 8192, 16384, 32768, 65536]
 */
export function largerSizes<P extends ComplexityPoint>(points: readonly P[]): P[] {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const count = Math.min(sorted.length, Math.max(minSizes, Math.ceil(share * sorted.length)));
  return sorted.slice(sorted.length - count);
}

/**
 * Throws a RangeError naming the caller unless the points have distinct positive integer sizes and at least
 * one value each, all positive and finite (a log-log fit cannot use zeros). Returns them sorted by n.
 *
 * @example
 * const sorted = checkPoints('fitComplexity', points, 2);
 */
export function checkPoints(caller: string, points: readonly ComplexityPoint[], minPoints: number): ComplexityPoint[] {
  if (!Array.isArray(points) || points.length < minPoints) {
    throw new RangeError(`${caller}: needs at least ${minPoints} points, received ${Array.isArray(points) ? points.length : typeof points}`);
  }
  const sorted = [...points].sort((a, b) => a.n - b.n);
  sorted.forEach((p, i) => {
    if (!Number.isSafeInteger(p.n) || p.n < 1) throw new RangeError(`${caller}: n must be a positive integer, received ${p.n}`);
    if (i > 0 && sorted[i - 1]?.n === p.n) throw new RangeError(`${caller}: sizes must be distinct, received n = ${p.n} twice`);
    if (!Array.isArray(p.values) || p.values.length === 0) throw new RangeError(`${caller}: n = ${p.n} has no values`);
    for (const v of p.values) {
      if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${caller}: values must be positive finite numbers, received ${v} at n = ${p.n}`);
    }
  });
  return sorted;
}

/**
 * For each curve c, the least-squares slope of ln(median) − c(n) against ln n over the points, with a
 * percentile-bootstrap 95% interval: each resample redraws every size's values with replacement and takes
 * their median again, so the interval reflects the spread within sizes. Needs ≥ 2 points with positive medians.
 *
 * @example
 * const [raw, excess] = bootstrapSlopes(points, [() => 0, n => Math.log(n)], seededRandom(1), 1000);
 */
export function bootstrapSlopes(
  points: readonly ComplexityPoint[],
  curves: readonly ((n: number) => number)[],
  random: () => number,
  resamples: number,
): SlopeInterval[] {
  const x = points.map((p) => Math.log(p.n));
  const logCurves = curves.map((curve) => points.map((p) => curve(p.n)));
  const slopesOf = (logMedians: readonly number[]): number[] =>
    logCurves.map((offsets) => slope(x, logMedians.map((y, i) => y - (offsets[i] as number))));

  const estimates = slopesOf(points.map((p) => Math.log(median(p.values))));
  const varies = points.some((p) => p.values.some((v) => v !== p.values[0]));
  if (!varies) return estimates.map((estimate) => ({ estimate, lower: estimate, upper: estimate }));

  const draws: number[][] = curves.map(() => []);
  const buffer: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const logMedians = points.map((p) => {
      buffer.length = 0;
      for (let i = 0; i < p.values.length; i++) buffer.push(p.values[Math.floor(random() * p.values.length)] as number);
      return Math.log(median(buffer));
    });
    slopesOf(logMedians).forEach((s, i) => draws[i]?.push(s));
  }
  return estimates.map((estimate, i) => {
    const sorted = (draws[i] as number[]).filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) return { estimate, lower: estimate, upper: estimate };
    return { estimate, lower: quantile(sorted, 0.025), upper: quantile(sorted, 0.975) };
  });
}


function slope(x: readonly number[], y: readonly number[]): number {
  const meanX = x.reduce((s, v) => s + v, 0) / x.length;
  const meanY = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - meanX;
    sxy += dx * ((y[i] as number) - meanY);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

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
  const medians = sorted.map((p) => median(p.values));
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
