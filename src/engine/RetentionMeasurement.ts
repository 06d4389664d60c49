/**
 * One reading of a retention measurement: after `calls` calls, the bytes still in use after full gcs (V8 heap plus
 * off-heap ArrayBuffer memory, compiled code left out).
 *
 * @example
 * const { calls, bytes } = measurement.first;
 */
export interface RetentionReading {
  calls: number;
  bytes: number;
}

/**
 * The result of `measureRetention`: how much the heap kept, after full gcs, over the judged calls: those between
 * a first reading (after `first.calls` calls, when caches have filled and code has warmed up) and a last reading
 * at least twice as many calls later, so that a Map, Set or array that doubles its backing store must have grown
 * in between if it gains an entry per call. Bytes unless the name says otherwise.
 *
 * @example
 * const { bytesPerCall, judgedCalls, noiseFloorBytes } = await measureRetention(() => cache.get(key));
 */
export interface RetentionMeasurement {
  /** The reading judged from: after warm-up (or, when memory stopped the run, the reading before the last). */
  first: RetentionReading;
  /** The reading judged to. */
  last: RetentionReading;
  /** `last.bytes - first.bytes`. */
  growthBytes: number;
  /** `last.calls - first.calls`. */
  judgedCalls: number;
  /** `growthBytes / judgedCalls`. */
  bytesPerCall: number;
  /** Growth over the judged calls that is measurement noise, not retention (bytes, whatever the call count). */
  noiseFloorBytes: number;
  /** The smallest steady leak per call this run could see: `noiseFloorBytes / judgedCalls`. */
  resolutionBytesPerCall: number;
  /** Whether the function returned promises that were awaited. */
  async: boolean;
  /**
   * `plan`: all planned calls made; `time-cap`: the cap ended the judged calls early; `memory`: the heap grew so
   * fast that the run stopped to stay far from the heap limit (the evidence was overwhelming).
   */
  stoppedBy: 'plan' | 'time-cap' | 'memory';
  /** What this process costs, measured before planning: full and minor gc (ms), heap in use and its limit (bytes), one call (ms). */
  costs: { fullGcMs: number; minorGcMs: number; heapBytes: number; heapLimitBytes: number; callMs: number };
  /** The cap the run was planned in (ms): `maxTimeMs`, or more when it was allowed to stretch to hold the minimum evidence. */
  capMs: number;
  /** Wall time of the whole measurement, in ms. */
  elapsedMs: number;
}
