import type { Clock } from './Clock.js';
import type { ClockMode } from './ClockMode.js';
import type { Statistic } from './Statistic.js';

/**
 * Options of `judgeTime`. Durations in ms as named.
 *
 * @example
 * await judgeTime(workload, 5e6, { statistic: 'p95', clockMode: 'wall', maxTimeMs: 2000 });
 */
export interface JudgeTimeOptions {
  statistic?: Statistic;
  clockMode?: ClockMode;
  /** Cap on measuring time per assertion (default 1000 ms). */
  maxTimeMs?: number;
  clock?: Clock;
  /** Reads the machine's load per core (default: the 1-minute load average over the core count). */
  loadPerCore?: () => number;
  /** Error rate per side spread over all looks (default 0.01). */
  totalAlpha?: number;
}
