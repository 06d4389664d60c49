import type { Complexity } from './engine/Complexity.js';
import type { RunUnderOptions } from './matchers/RunUnderOptions.js';
import type { ScaleOptions } from './matchers/ScaleOptions.js';

/**
 * The perfspec matchers as they appear on `expect(received)`, independent of the runner: each runner entry
 * merges this into its own matcher interface with R set to that runner's assertion result type. Every matcher
 * is async: always `await` it.
 *
 * @example
 * await expect(() => parse(doc)).toRunUnder(5);
 */
export interface PerfMatchers<R> {
  /**
   * Asserts that the median (or another statistic) of per-call time is under `budgetMs` milliseconds.
   *
   * @param budgetMs - the budget in milliseconds (multiplied by the configured time scale).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => parse(doc)).toRunUnder(5);
   * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
   */
  toRunUnder(budgetMs: number, nOrOptions?: number | RunUnderOptions): Promise<R>;

  /**
   * Asserts that the cost (time by default) of a sized workload or a function of n grows at most like a
   * complexity class: fails only when the measured growth is significantly faster.
   *
   * @param complexity - the bound, e.g. `'n log n'` or `'O(n log n)'`.
   * @param options - `sizes` (≥ 4 increasing n), `metric` (`'time'` or `'ops'`), `maxTimeMs` (ms), `samples` per size.
   * @example
   * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('n log n');
   * await expect(sized(n => shuffled(n), a => a.sort(countingCompare))).toScaleAtMost('n log n', { metric: 'ops' });
   */
  toScaleAtMost(complexity: Complexity, options?: ScaleOptions): Promise<R>;
}
