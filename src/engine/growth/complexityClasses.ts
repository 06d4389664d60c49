// Logs inside g are base 2 with n clamped to ≥ 2, so that log n and n log n stay positive at n = 1; the base
// only scales g, which no slope sees.
const log2 = (n: number): number => Math.log2(Math.max(n, 2));

/**
 * The one table of complexity classes, simplest first: for each, the natural log of its growth function g(n)
 * (n a positive integer), computed in log space so that 2^n never overflows.
 *
 * @example
 * complexityClasses['n log n'].logG(1024); // ln(1024 · 10)
 */
export const complexityClasses = {
  '1': { logG: (_n: number): number => 0 },
  'log n': { logG: (n: number): number => Math.log(log2(n)) },
  n: { logG: (n: number): number => Math.log(n) },
  'n log n': { logG: (n: number): number => Math.log(n) + Math.log(log2(n)) },
  'n^2': { logG: (n: number): number => 2 * Math.log(n) },
  'n^3': { logG: (n: number): number => 3 * Math.log(n) },
  '2^n': { logG: (n: number): number => n * Math.LN2 },
} as const satisfies Record<string, { logG(n: number): number }>;

/**
 * The canonical name of a complexity class: `'1' | 'log n' | 'n' | 'n log n' | 'n^2' | 'n^3' | '2^n'`.
 *
 * @example
 * const bound: ComplexityName = 'n log n';
 */
export type ComplexityName = keyof typeof complexityClasses;

/**
 * A complexity class as users write it: a canonical name or the same wrapped in `O(…)`, e.g. `'n log n'` or
 * `'O(n log n)'`. A literal union, so a misspelled class is a compile error.
 *
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('O(n log n)');
 */
export type Complexity = ComplexityName | `O(${ComplexityName})`;

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
