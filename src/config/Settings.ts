import type { ClockMode } from '../engine/ClockMode.js';
import type { Statistic } from '../engine/Statistic.js';
import type { InconclusivePolicy } from './InconclusivePolicy.js';

/**
 * Project-wide defaults for every perfspec assertion, set with `configure()`.
 *
 * @example
 * configure({ timeScale: 2, maxTimeMs: 2000 });
 */
export interface Settings {
  /** Multiplies every time budget (e.g. 2 on a CI machine twice as slow as the one budgets were set on). */
  timeScale: number;
  /** Cap on measuring time per assertion in ms (default 1000). */
  maxTimeMs: number;
  /** Default statistic of `toRunUnder` (default `'median'`). */
  statistic: Statistic;
  /** Default clock (default `'auto'`). */
  clock: ClockMode;
  /**
   * What an inconclusive verdict does (default `'warn'`, or `PERFSPEC_INCONCLUSIVE`): `'warn'` lets the point
   * estimate decide and marks the test, `'pass'` passes it (marked), `'fail'` fails it. See docs/verdicts.md.
   */
  inconclusive: InconclusivePolicy;
}
