import { describe, expect, it } from 'vitest';
import { complexityClasses } from '../../../src/engine/growth/complexityClasses.js';
import type { ComplexityName } from '../../../src/engine/growth/complexityClasses.js';
import type { ComplexityPoint } from '../../../src/engine/growth/fitComplexity.js';
import { fitComplexity } from '../../../src/engine/growth/fitComplexity.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const names = Object.keys(complexityClasses) as ComplexityName[];
const g = (name: ComplexityName, n: number): number => Math.exp(complexityClasses[name].logG(n));
const doubling = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from * 2 ** i);
// 2^n needs small, closely spaced sizes to stay in range.
const sizesFor = (name: ComplexityName): number[] => (name === '2^n' ? [8, 10, 12, 14, 16, 18, 20, 22] : doubling(256, 9));

/** Per-call values cost·g(n) + overhead, each of `samples` values with multiplicative noise of ±noise (uniform). */
function synthetic(name: ComplexityName, options: { overhead?: number; noise?: number; samples?: number; seed?: number }): ComplexityPoint[] {
  const random = seededRandom(options.seed ?? 1);
  const { overhead = 0, noise = 0, samples = 9 } = options;
  return sizesFor(name).map((n) => {
    const base = 100 * g(name, n) + overhead;
    return { n, values: Array.from({ length: samples }, () => base * (1 + noise * (2 * random() - 1))) };
  });
}

describe('fitComplexity', () => {
  it.each(names)('finds O(%s) in exact data', (name) => {
    expect(fitComplexity(synthetic(name, {})).bestFit).toBe(name);
  });

  it.each(names)('finds O(%s) under a constant overhead worth the first size 50 times over', (name) => {
    const first = 100 * g(name, sizesFor(name)[0] as number);
    expect(fitComplexity(synthetic(name, { overhead: 50 * first })).bestFit).toBe(name);
  });

  it('gives exact exponents and a point interval for exact power laws', () => {
    for (const [name, degree] of [['1', 0], ['n', 1], ['n^2', 2], ['n^3', 3]] as const) {
      const { exponent, slopeSizes } = fitComplexity(synthetic(name, {}));
      expect(exponent.estimate).toBeCloseTo(degree, 10);
      expect(exponent.lower).toBe(exponent.estimate);
      expect(exponent.upper).toBe(exponent.estimate);
      expect(slopeSizes).toEqual([2048, 4096, 8192, 16384, 32768, 65536]);
    }
  });

  it.each(['1', 'n', 'n^2', 'n^3'] as const)('puts the exponent of O(%s) inside its interval under ±10 percent noise', (name) => {
    const degree = { '1': 0, n: 1, 'n^2': 2, 'n^3': 3 }[name];
    const { exponent } = fitComplexity(synthetic(name, { noise: 0.1, seed: 7 }), { random: seededRandom(3) });
    expect(exponent.lower).toBeLessThan(degree);
    expect(exponent.upper).toBeGreaterThan(degree);
    expect(exponent.upper - exponent.lower).toBeLessThan(0.15);
  });

  it.each(['1', 'n', 'n^2', 'n^3', '2^n'] as const)('finds O(%s) under ±5 percent noise', (name) => {
    expect(fitComplexity(synthetic(name, { noise: 0.05, seed: 11 }), { random: seededRandom(5) }).bestFit).toBe(name);
  });

  it('is repeatable: the same points and seed give the same interval', () => {
    const points = synthetic('n^2', { noise: 0.2, seed: 2 });
    expect(fitComplexity(points, { random: seededRandom(9) })).toEqual(fitComplexity(points, { random: seededRandom(9) }));
  });

  it('does not depend on the unit: scaling every value leaves the fit unchanged', () => {
    const points = synthetic('n log n', { overhead: 5000, noise: 0.05, seed: 4 });
    const scaled = points.map((p) => ({ n: p.n, values: p.values.map((v) => v * 1e6) }));
    const a = fitComplexity(points, { random: seededRandom(1) });
    const b = fitComplexity(scaled, { random: seededRandom(1) });
    expect(b.bestFit).toBe(a.bestFit);
    expect(b.exponent.estimate).toBeCloseTo(a.exponent.estimate, 10);
    expect(b.exponent.lower).toBeCloseTo(a.exponent.lower, 10);
  });

  it('rejects points a log-log fit cannot use', () => {
    expect(() => fitComplexity([{ n: 1, values: [1] }])).toThrow(/at least 2 points/);
    expect(() => fitComplexity([{ n: 1, values: [1] }, { n: 1, values: [2] }])).toThrow(/distinct/);
    expect(() => fitComplexity([{ n: 1, values: [1] }, { n: 2.5, values: [2] }])).toThrow(/positive integer/);
    expect(() => fitComplexity([{ n: 1, values: [0] }, { n: 2, values: [2] }])).toThrow(/positive finite/);
    expect(() => fitComplexity([{ n: 1, values: [] }, { n: 2, values: [2] }])).toThrow(/no values/);
  });
});
