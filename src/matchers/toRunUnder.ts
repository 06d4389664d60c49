import { runUnderOptions } from '../config/effectiveOptions.js';
import type { Statistic } from '../engine/stats/statisticBounds.js';
import { judgeTime } from '../engine/time/judgeTime.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { toWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { timeMessage } from '../report/toRunUnder.js';

/**
 * Options of `toRunUnder`.
 *
 * @example
 * await expect(() => handle(req)).toRunUnder(2, { statistic: 'p95', clock: 'wall', maxTimeMs: 2000 });
 */
export interface RunUnderOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Statistic of per-call time compared with the budget (default `'median'`). */
  statistic?: Statistic;
  /** Clock that judges (default `'auto'`: CPU time for sync work, wall time for async work). */
  clock?: ClockMode;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

/**
 * Asserts that a function (or a sized workload at input size n) runs under a time budget: by default its
 * median per-call time, on CPU time for synchronous work and wall time for async work. Budgets are multiplied
 * by the configured time scale. Resolves to pass, fail, or an inconclusive verdict decided by the estimate.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param budgetMs - the time budget in milliseconds.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, statistic, clock, maxTimeMs }`.
 * @example
 * await expect(() => parse(doc)).toRunUnder(5);
 * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
 */
export async function toRunUnder(this: MatcherContext | undefined, received: unknown, budgetMs: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toRunUnder';
  const budget = check.positiveNumber(matcher, 'budgetMs', budgetMs);
  const given = sizeOrOptions(matcher, nOrOptions, {
    statistic: check.statistic,
    clock: check.clockMode,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const { timeScale, ...options } = runUnderOptions(given);
  const result = await judgeTime(toWorkload(target, given.n), budget * timeScale * 1e6, options);
  const { clockMode, maxTimeMs } = options;
  return {
    pass: result.pass,
    message: () => timeMessage(this, result, { budgetMs: budget, timeScale, clockMode, maxTimeMs, n: given.n }),
  };
}
