import type { ComplexityPoint } from './ComplexityPoint.js';

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
