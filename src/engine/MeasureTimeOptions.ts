import type { Clock } from './Clock.js';
import type { ClockMode } from './ClockMode.js';

/**
 * Options of `measureTime`.
 *
 * @example
 * await measureTime(() => parse(doc), { maxTimeMs: 500, precision: 0.05 });
 */
export interface MeasureTimeOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  clockMode?: ClockMode;
  /** Cap on measuring time (default 1000 ms). */
  maxTimeMs?: number;
  /** Stop once the 95% interval of the median is narrower than this fraction of it (default 0.04 = ±2%). */
  precision?: number;
  clock?: Clock;
}
