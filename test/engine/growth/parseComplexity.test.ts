import { describe, expect, it } from 'vitest';
import { complexityClasses, parseComplexity } from '../../../src/engine/growth/complexityClasses.js';

describe('parseComplexity', () => {
  it('reads every class, bare and as O(…)', () => {
    for (const name of Object.keys(complexityClasses)) {
      expect(parseComplexity(name)).toBe(name);
      expect(parseComplexity(`O(${name})`)).toBe(name);
    }
  });

  it('rejects anything else', () => {
    for (const value of ['n2', 'nlogn', 'O(n', 'o(n)', 'toString', 'constructor', '', 1, null, undefined]) {
      expect(parseComplexity(value)).toBeUndefined();
    }
  });

  it('computes g in log space: 2^n stays finite where g itself would overflow', () => {
    expect(complexityClasses['2^n'].logG(5000)).toBeCloseTo(5000 * Math.LN2, 9);
    expect(Math.exp(complexityClasses['n log n'].logG(1024))).toBeCloseTo(10240, 6);
    expect(Math.exp(complexityClasses['log n'].logG(1))).toBe(1);
  });
});
