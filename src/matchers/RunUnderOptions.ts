import type { ClockMode } from '../engine/ClockMode.js';
import type { Statistic } from '../engine/Statistic.js';

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
