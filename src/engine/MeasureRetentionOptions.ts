import type { Clock } from './Clock.js';
import type { HeapProbe } from './HeapProbe.js';

/**
 * Options of `measureRetention`.
 *
 * @example
 * await measureRetention(() => handler(req), { calls: 2000, maxTimeMs: 5000 });
 */
export interface MeasureRetentionOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  /**
   * Calls before the first reading; twice as many follow before the last (default: as many as the cap allows,
   * 10–32 768). More calls see smaller leaks and let larger bounded caches fill before judging.
   */
  calls?: number;
  /** Cap on the whole measurement's wall time in ms (default 1000). */
  maxTimeMs?: number;
  /**
   * When the minimum evidence does not fit in `maxTimeMs` (slow gcs in a large heap), the cap may grow up to this
   * many ms instead of failing (default: 4000 when `maxTimeMs` is not given, else it may not grow).
   */
  stretchToMs?: number;
  /** Name used at the start of errors (default `measureRetention`). */
  label?: string;
  /** The heap to measure on (default: this process's, `nativeHeapProbe()`). */
  probe?: HeapProbe;
  /** The clock that bounds the measurement in time (default `nativeClock`). */
  clock?: Clock;
}
