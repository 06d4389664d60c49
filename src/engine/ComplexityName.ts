import type { complexityClasses } from './complexityClasses.js';

/**
 * The canonical name of a complexity class: `'1' | 'log n' | 'n' | 'n log n' | 'n^2' | 'n^3' | '2^n'`.
 *
 * @example
 * const bound: ComplexityName = 'n log n';
 */
export type ComplexityName = keyof typeof complexityClasses;
