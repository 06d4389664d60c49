import { describe, expect, it } from 'vitest';
import type { ComplexityPoint } from '../../../src/engine/growth/fitComplexity.js';
import { findStep } from '../../../src/engine/growth/findStep.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const sizes = [500, 1000, 2000, 4000, 8000, 16000, 32000, 64000];
/** values = cost(n) × (1 ± noise), 9 per size, from a seeded generator. */
function points(cost: (n: number) => number, noise = 0.05, seed = 1): ComplexityPoint[] {
  const random = seededRandom(seed);
  return sizes.map((n) => ({ n, values: Array.from({ length: 9 }, () => cost(n) * (1 + noise * (2 * random() - 1))) }));
}
const find = (p: ComplexityPoint[], bound: 'n' | '1' | 'n^2' = 'n') => findStep(p, bound, 0.25, seededRandom(7));

describe('findStep', () => {
  it('finds a one-time jump in cost per item with flat cost on both sides, and judges above it', () => {
    // The measured shape of new Set(array): ~36 ns per item below a threshold, ~250 ns above (DESIGN.md §6).
    const step = find(points((n) => (n < 3000 ? 36 : 250) * n));
    expect(step).toMatchObject({ fromN: 2000, toN: 4000 });
    expect(step?.factor).toBeCloseTo(250 / 36, 0);
    expect(step?.above.verdict).toBe('pass');
  });

  it('finds a step spread over two intervals (two cache levels close together)', () => {
    const step = find(points((n) => (n < 3000 ? 40 : n < 6000 ? 120 : 300) * n));
    expect(step).toMatchObject({ fromN: 2000, toN: 8000 });
  });

  it('never calls steady growth a step: a slope has no flat side above', () => {
    expect(find(points((n) => n * n))).toBeUndefined();
    expect(find(points((n) => n ** 1.5))).toBeUndefined();
    expect(find(points((n) => n * n * n), 'n^2')).toBeUndefined();
  });

  it('never calls growth that starts late a step: flat below, then a rise that keeps going', () => {
    // A regular expression that backtracks only past a few thousand characters: linear, then quadratic.
    expect(find(points((n) => 50 * n + (n > 3000 ? (n - 3000) ** 2 : 0)))).toBeUndefined();
  });

  it('needs three sizes spanning 4× above the jump', () => {
    expect(find(points((n) => (n < 20_000 ? 36 : 250) * n))).toBeUndefined();
  });

  it('works for the constant class: a lookup whose cost per call jumps once as the table outgrows a cache', () => {
    expect(find(points((n) => (n < 5000 ? 30 : 90)), '1')).toMatchObject({ fromN: 4000, toN: 8000 });
  });
});
