/**
 * The result of `measureRetention`: how much the heap grew over each block of calls, after full gcs, with the
 * same figure for an empty function subtracted. Bytes unless the name says otherwise.
 *
 * @example
 * const { growthBytes, callsPerBlock } = await measureRetention(() => cache.get(key));
 */
export interface RetentionMeasurement {
  /** Heap (plus off-heap, less compiled code) growth over each block, offset subtracted; the first is not judged. */
  growthBytes: number[];
  /** Growth over each block of an empty function; their median is the offset subtracted above. */
  offsetBytes: number[];
  /** Calls per block. */
  callsPerBlock: number;
  /** Blocks asked for; fewer are in `growthBytes` when the time cap ended the run. */
  blocksAsked: number;
  /** Whether the function returned promises that were awaited. */
  async: boolean;
  stoppedBy: 'blocks' | 'time-cap';
  /** Wall time of the whole measurement, in ms. */
  elapsedMs: number;
}
