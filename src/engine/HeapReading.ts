/**
 * One reading of the process's memory, in bytes.
 *
 * @example
 * const { heapBytes, externalBytes, allocatedBytes } = probe.read();
 */
export interface HeapReading {
  /** Bytes of live and not yet collected objects in the V8 heap. */
  heapBytes: number;
  /** Bytes of ArrayBuffer backing stores and other memory outside the V8 heap that V8 is told about. */
  externalBytes: number;
  /** V8's cumulative count of bytes ever allocated, on the Node versions that expose one. */
  allocatedBytes?: number;
  /** The most the V8 heap may grow to before the process dies of "heap out of memory" (`heap_size_limit`). */
  limitBytes?: number;
}
