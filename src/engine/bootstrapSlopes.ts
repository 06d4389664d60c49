import type { ComplexityPoint } from './ComplexityPoint.js';
import { quantile } from './quantile.js';
import type { SlopeInterval } from './SlopeInterval.js';

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

function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
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
