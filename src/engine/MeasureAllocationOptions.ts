import type { Clock } from './Clock.js';
import type { HeapProbe } from './HeapProbe.js';

/**
 * Options of `measureAllocation`.
 *
 * @example
 * await measureAllocation(sized(n => rows(n), r => toCsv(r)), { n: 1000, calls: 7, maxTimeMs: 2000 });
 */
export interface MeasureAllocationOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  /** Calls measured after warm-up; the result is their median (default 5). */
  calls?: number;
  /** Calls made before measuring, unmeasured, so JIT tiering settles (default 100, within 30% of maxTimeMs). */
  warmupCalls?: number;
  /** Cap on the whole measurement's wall time in ms (default 1000); it must hold the planned `calls`. */
  maxTimeMs?: number;
  /**
   * When the planned calls do not fit in `maxTimeMs` (slow heap walks in a large heap), the cap may grow up to
   * this many ms instead of failing (default: 4000 when `maxTimeMs` is not given, else it may not grow).
   */
  stretchToMs?: number;
  /** Name used at the start of errors (default `measureAllocation`). */
  label?: string;
  /** The heap to measure on (default: this process's, `nativeHeapProbe()`). */
  probe?: HeapProbe;
  /** The clock that bounds the measurement in time (default `nativeClock`). */
  clock?: Clock;
}
