import type { ComplexityPoint } from './ComplexityPoint.js';

/** The slope is fitted over at least this many sizes (or all, when there are fewer). */
const minSizes = 4;
/** Share of the sizes, from the largest down, that the slope is fitted over. */
const share = 0.6;

/**
 * The larger sizes among measured points, where constant overheads and warm-up effects have faded: the largest
 * 60% of them, and never fewer than four (or all when there are fewer). Returned in ascending n.
 *
 * @example
 * largerSizes(points).map(p => p.n); // e.g. [4096, 8192, 16384, 32768, 65536]
 */
export function largerSizes<P extends ComplexityPoint>(points: readonly P[]): P[] {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const count = Math.min(sorted.length, Math.max(minSizes, Math.ceil(share * sorted.length)));
  return sorted.slice(sorted.length - count);
}
