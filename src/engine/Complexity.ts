import type { ComplexityName } from './ComplexityName.js';

/**
 * A complexity class as users write it: a canonical name or the same wrapped in `O(…)`, e.g. `'n log n'` or
 * `'O(n log n)'`. A literal union, so a misspelled class is a compile error.
 *
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('O(n log n)');
 */
export type Complexity = ComplexityName | `O(${ComplexityName})`;
