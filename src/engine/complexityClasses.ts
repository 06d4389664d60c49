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
