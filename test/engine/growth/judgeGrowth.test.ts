import { describe, expect, it } from 'vitest';
import { complexityClasses } from '../../../src/engine/growth/complexityClasses.js';
import type { ComplexityName } from '../../../src/engine/growth/complexityClasses.js';
import type { ComplexityPoint } from '../../../src/engine/growth/fitComplexity.js';
import { judgeGrowth } from '../../../src/engine/growth/judgeGrowth.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const sizes = [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000];
const names = Object.keys(complexityClasses) as ComplexityName[];

/** values = cost(n) × (1 ± noise), `samples` per size, from a seeded generator. */
function points(cost: (n: number) => number, noise = 0, seed = 1, samples = 9, ns = sizes): ComplexityPoint[] {
  const random = seededRandom(seed);
  return ns.map((n) => ({ n, values: Array.from({ length: samples }, () => cost(n) * (1 + noise * (2 * random() - 1))) }));
}
const judge = (p: ComplexityPoint[], bound: ComplexityName, toleranceSlope = 0.25, seed = 3) => judgeGrowth(p, bound, { toleranceSlope, random: seededRandom(seed) });

describe('judgeGrowth', () => {
  it('measures the excess slope exactly on exact power laws', () => {
    const quadratic = points((n) => 3 * n * n);
    const overN = judge(quadratic, 'n');
    expect(overN.excess?.estimate).toBeCloseTo(1, 10);
    expect(overN.excess?.lower).toBe(overN.excess?.estimate);
    expect(overN.verdict).toBe('fail');
    expect(judge(quadratic, 'n^2').excess?.estimate).toBeCloseTo(0, 10);
    expect(judge(quadratic, 'n^3').excess?.estimate).toBeCloseTo(-1, 10);
  });

  it('fails only above the tolerance', () => {
    expect(judge(points((n) => n ** 1.3), 'n').verdict).toBe('fail');
    expect(judge(points((n) => n ** 1.2), 'n').verdict).toBe('pass');
    expect(judge(points((n) => n ** 1.2), 'n', 0.05).verdict).toBe('fail');
  });

  it('sees a log factor in exact counts with the ops tolerance, but not with the time tolerance', () => {
    const nLogN = points((n) => n * Math.ceil(Math.log2(n)));
    const overN = judge(nLogN, 'n', 0.05);
    // Over n = 8 000…128 000 the slope of log2 n against n is 1/ln n ≈ 0.09–0.11.
    expect(overN.excess?.estimate).toBeGreaterThan(0.08);
    expect(overN.excess?.estimate).toBeLessThan(0.11);
    expect(overN.verdict).toBe('fail');
    expect(judge(nLogN, 'n log n', 0.05).verdict).toBe('pass');
    expect(judge(nLogN, 'n', 0.25).verdict).toBe('pass');
  });

  it('judges over the larger sizes, where a constant overhead has faded', () => {
    // 1 ms of overhead hides a quadratic at the small sizes: over all sizes the slope is only ≈ 1.19, so a
    // fit over every size would pass it as O(n); over the larger sizes it is ≈ 1.8.
    const hidden = points((n) => 1e6 + 0.02 * n * n, 0.05);
    const result = judge(hidden, 'n');
    expect(result.fit?.slopeSizes).toEqual([8000, 16000, 32000, 64000, 128000]);
    expect(result.excess?.estimate).toBeGreaterThan(0.7);
    expect(result.verdict).toBe('fail');
  });

  it('decides noisy data the same way every time for a given seed', () => {
    const noisy = points((n) => n ** 1.5, 0.3, 5);
    const first = judge(noisy, 'n');
    expect(first.verdict).toBe('fail');
    expect(judge(noisy, 'n')).toEqual(first);
    expect(judge(points((n) => n, 0.3, 5), 'n').verdict).toBe('pass');
  });

  it('is inconclusive below four sizes: decided by the point estimate with 2–3, never passed with fewer (no evidence)', () => {
    const three = points((n) => n * n, 0, 1, 9, [100, 200, 400]);
    expect(judge(three, 'n')).toMatchObject({ verdict: 'inconclusive', pass: false, reason: 'too-few-sizes' });
    expect(judge(three, 'n^2')).toMatchObject({ verdict: 'inconclusive', pass: true, reason: 'too-few-sizes' });
    const one = judge(points((n) => n, 0, 1, 9, [100]), 'n');
    expect(one).toMatchObject({ verdict: 'inconclusive', pass: false, reason: 'too-few-sizes' });
    expect(judge([], 'n^3')).toMatchObject({ verdict: 'inconclusive', pass: false, reason: 'too-few-sizes' });
    expect(one.fit).toBeUndefined();
  });

  describe('invariants over 40 seeded noisy data sets', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const exponentOf = (seed: number): number => 0.5 + (seed % 6) * 0.4; // 0.5 … 2.5

    it('does not depend on the unit: scaling every value by any factor keeps the judgement', () => {
      for (const seed of seeds) {
        const p = points((n) => n ** exponentOf(seed), 0.2, seed);
        const scaled = p.map(({ n, values }) => ({ n, values: values.map((v) => v * 1e-6 * seed) }));
        const a = judge(p, 'n');
        const b = judge(scaled, 'n');
        expect(b.verdict).toBe(a.verdict);
        expect(b.excess?.lower).toBeCloseTo(a.excess?.lower ?? NaN, 9);
      }
    });

    it('is monotone in the bound: passing a class passes every larger one', () => {
      for (const seed of seeds) {
        const p = points((n) => n ** exponentOf(seed), 0.2, seed);
        const verdicts = names.map((name) => judge(p, name).verdict);
        const firstPass = verdicts.indexOf('pass');
        expect(firstPass).toBeGreaterThanOrEqual(0);
        expect(verdicts.slice(firstPass).every((v) => v === 'pass')).toBe(true);
      }
    });

    it('never fails a power law against its own degree, whatever its constant overhead', () => {
      for (const seed of seeds) {
        const [name, degree] = (['n', 'n^2', 'n^3'] as const).map((c, i) => [c, i + 1] as const)[seed % 3] as readonly [ComplexityName, number];
        const overhead = 10 ** (seed % 8);
        expect(judge(points((n) => overhead + n ** degree, 0.2, seed), name).verdict).toBe('pass');
      }
    });

    it('puts the excess slope of a power law inside its interval, offset by the bound exactly', () => {
      for (const seed of seeds) {
        const p = points((n) => n ** exponentOf(seed), 0.2, seed);
        const overN = judge(p, 'n').excess;
        const overN2 = judge(p, 'n^2').excess;
        expect(overN?.lower).toBeLessThanOrEqual(overN?.estimate ?? NaN);
        expect(overN?.upper).toBeGreaterThanOrEqual(overN?.estimate ?? NaN);
        expect((overN?.estimate ?? NaN) - (overN2?.estimate ?? NaN)).toBeCloseTo(1, 10);
      }
    });
  });
});
