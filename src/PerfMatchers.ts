import type { RunUnderOptions } from './matchers/RunUnderOptions.js';

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
}
