/**
 * What one measured call allocated, before the baseline is subtracted. Bytes.
 *
 * @example
 * const sample = await sampleAllocation(workload, input, probe);
 * sample.heapBytes + sample.externalBytes;
 */
export interface AllocationSample {
  /** V8 heap bytes allocated: the used-heap difference plus what each gc during the call reclaimed, less `compiledBytes`. */
  heapBytes: number;
  /** Bytecode, machine code and their metadata that V8 added to the heap during the call (not counted). */
  compiledBytes: number;
  /** Growth of ArrayBuffer and other off-heap memory over the call (buffers freed during the call are not seen). */
  externalBytes: number;
  /** Garbage collections that ran during the call. */
  gcs: number;
  /** Whether the call returned a promise (or another thenable) that was awaited. */
  awaited: boolean;
}
