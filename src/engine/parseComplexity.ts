import { complexityClasses } from './complexityClasses.js';
import type { ComplexityName } from './ComplexityName.js';

/**
 * The canonical class name of a value written as a class (`'n^2'` or `'O(n^2)'`), or undefined for anything
 * else.
 *
 * @example
 * parseComplexity('O(n log n)'); // 'n log n'
 */
export function parseComplexity(value: unknown): ComplexityName | undefined {
  if (typeof value !== 'string') return undefined;
  const inner = value.startsWith('O(') && value.endsWith(')') ? value.slice(2, -1) : value;
  return Object.hasOwn(complexityClasses, inner) ? (inner as ComplexityName) : undefined;
}
