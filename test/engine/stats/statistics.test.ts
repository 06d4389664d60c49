import { describe, expect, test } from 'vitest';
import { binomialCdf, normalQuantile, orderStatisticBounds, statisticBounds } from '../../../src/engine/stats/statisticBounds.js';
import { quantile, summarize } from '../../../src/engine/stats/summarize.js';
import { sequentialLook } from '../../../src/engine/time/sampleSequentially.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

describe('quantile', () => {
  test('interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.99)).toBe(10);
    expect(quantile([0, 10, 20, 30, 40], 0.95)).toBeCloseTo(38, 12);
  });
  test('refuses an empty sample', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
});

describe('binomialCdf', () => {
  test('matches exact values', () => {
    expect(binomialCdf(3, 10, 0.5)).toBeCloseTo(176 / 1024, 12);
    expect(binomialCdf(0, 8, 0.5)).toBeCloseTo(1 / 256, 12);
    expect(binomialCdf(-1, 8, 0.5)).toBe(0);
    expect(binomialCdf(8, 8, 0.5)).toBe(1);
  });
  test('does not underflow for thousands of trials', () => {
    expect(binomialCdf(2500, 5000, 0.5)).toBeCloseTo(0.5056, 3);
  });
});

describe('normalQuantile', () => {
  test('matches tabulated quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.99999)).toBeCloseTo(4.264891, 5);
  });
  test('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('orderStatisticBounds', () => {
  test('gives the exact ranks for the median of 8 samples at 0.5%', () => {
    // P(B ≤ 0) = 1/256 ≤ 0.005 < P(B ≤ 1) = 9/256; P(B ≤ 7) = 255/256 ≥ 0.995 > P(B ≤ 6).
    expect(orderStatisticBounds(8, 0.5, 0.005)).toEqual({ lowerRank: 1, upperRank: 8 });
  });
  test('has no bounds when the samples are too few for the confidence', () => {
    expect(orderStatisticBounds(5, 0.5, 0.005)).toEqual({});
  });
  test('has no upper bound for p99 from 100 samples at 1%', () => {
    expect(orderStatisticBounds(100, 0.99, 0.01).upperRank).toBeUndefined();
  });
  test('covers the true median at least 1 − alpha of the time (seeded simulation)', () => {
    const random = seededRandom(7);
    const trials = 4000;
    const alpha = 0.05;
    let lowerMisses = 0;
    let upperMisses = 0;
    for (let t = 0; t < trials; t++) {
      // Exponential with rate 1: true median ln 2.
      const sample = Array.from({ length: 25 }, () => -Math.log(1 - random())).sort((a, b) => a - b);
      const { lowerRank, upperRank } = orderStatisticBounds(25, 0.5, alpha);
      if ((sample[(lowerRank ?? 1) - 1] as number) > Math.LN2) lowerMisses += 1;
      if ((sample[(upperRank ?? 25) - 1] as number) < Math.LN2) upperMisses += 1;
    }
    expect(lowerMisses / trials).toBeLessThanOrEqual(alpha);
    expect(upperMisses / trials).toBeLessThanOrEqual(alpha);
  });
});

describe('statisticBounds', () => {
  const sorted = Array.from({ length: 40 }, (_, i) => 100 + i);
  test('quantile statistics take their bounds from order statistics', () => {
    const { estimate, lower, upper } = statisticBounds(sorted, 'median', 0.01);
    expect(estimate).toBe(119.5);
    expect(lower).toBe(112);
    expect(upper).toBe(127);
  });
  test('the mean has a normal interval from 30 samples on, none before', () => {
    expect(statisticBounds(sorted.slice(0, 29), 'mean', 0.01)).toEqual({ estimate: 114 });
    const { estimate, lower, upper } = statisticBounds(sorted, 'mean', 0.025);
    expect(estimate).toBe(119.5);
    const halfWidth = 1.959964 * Math.sqrt(136.66666666666666 / 40);
    expect(lower).toBeCloseTo(119.5 - halfWidth, 4);
    expect(upper).toBeCloseTo(119.5 + halfWidth, 4);
  });
});

describe('sequentialLook', () => {
  test('spends alpha so that the levels of all looks sum to the total', () => {
    let spent = 0;
    for (let j = 1; j <= 10_000; j++) spent += sequentialLook(j, 0.01).alpha;
    expect(spent).toBeLessThan(0.01);
    expect(spent).toBeGreaterThan(0.00999);
  });
  test('grows the sample count geometrically from 8', () => {
    expect([1, 2, 3, 4, 5].map((j) => sequentialLook(j, 0.01).samples)).toEqual([8, 12, 18, 27, 41]);
  });
  test('keeps the false-fail rate under alpha although it looks repeatedly (seeded simulation)', () => {
    // Samples whose true median is exactly the budget: any "fail" is a false fail. Looking at 12 looks with the
    // spent levels stays under alpha; the naive rule (a 99% bound at every look) exceeds it.
    const random = seededRandom(11);
    const budget = Math.LN2;
    const trials = 1500;
    let spentFails = 0;
    let naiveFails = 0;
    for (let t = 0; t < trials; t++) {
      const values: number[] = [];
      let spentFailed = false;
      let naiveFailed = false;
      for (let j = 1; j <= 12; j++) {
        const { samples, alpha } = sequentialLook(j, 0.01);
        while (values.length < samples) values.push(-Math.log(1 - random()));
        const sorted = [...values].sort((a, b) => a - b);
        const spent = statisticBounds(sorted, 'median', alpha).lower;
        const naive = statisticBounds(sorted, 'median', 0.01).lower;
        if (spent !== undefined && spent > budget) spentFailed = true;
        if (naive !== undefined && naive > budget) naiveFailed = true;
      }
      if (spentFailed) spentFails += 1;
      if (naiveFailed) naiveFails += 1;
    }
    expect(spentFails / trials).toBeLessThanOrEqual(0.01);
    expect(naiveFails / trials).toBeGreaterThan(0.01);
  });
});

describe('summarize', () => {
  test('reports order statistics and the MAD of unsorted input', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ count: 5, min: 1, median: 3, p95: 4.8, max: 5, mad: 1 });
  });
});
