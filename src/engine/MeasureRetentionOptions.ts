import type { Clock } from './Clock.js';
import type { HeapProbe } from './HeapProbe.js';

/**
 * Options of `measureRetention`.
 *
 * @example
 * await measureRetention(() => handler(req), { blocks: 5, callsPerBlock: 200, maxTimeMs: 5000 });
 */
export interface MeasureRetentionOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  /** Blocks of calls, each followed by a full gc; the first is not judged (default 4, at least 3). */
  blocks?: number;
  /** Calls per block (default 100). */
  callsPerBlock?: number;
  /** Cap on the whole measurement's wall time in ms (default 2000). */
  maxTimeMs?: number;
  /** The heap to measure on (default: this process's, `nativeHeapProbe()`). */
  probe?: HeapProbe;
  /** The clock that bounds the measurement in time (default `nativeClock`). */
  clock?: Clock;
}
