import type { Clock } from './Clock.js';
import type { ClockMode } from './ClockMode.js';

/**
 * Options of a sequential sampling run. Times in ns unless the name says otherwise.
 *
 * @example
 * const options: SamplingOptions = { clock: nativeClock, clockMode: 'auto', maxTimeMs: 1000, totalAlpha: 0.01, callTimeoutNs: 2e9 };
 */
export interface SamplingOptions {
  clock: Clock;
  clockMode: ClockMode;
  /** Cap on the whole run's wall time, in ms; sampling stops before a batch would cross it. */
  maxTimeMs: number;
  /** Error rate spread over all looks (per side). */
  totalAlpha: number;
  /** A call whose promise has not settled this long after its batch began is abandoned. */
  callTimeoutNs: number;
  /** Batches are made at least this long so the clocks' resolution and read cost do not matter (default 100 µs). */
  minSampleNs?: number;
  /** The host's load per core when sampling starts; below 0.5 a CPU time far below wall time marks a batch unresolved. */
  hostLoadPerCore?: number;
}
