import type { AllocationSample } from './AllocationSample.js';
import type { HeapProbe } from './HeapProbe.js';
import type { HeapReading } from './HeapReading.js';
import { isThenable } from './isThenable.js';
import { settleWithin } from './settleWithin.js';

/**
 * Measures the bytes one call allocates: a minor gc first (so no young garbage from before the call can be
 * reclaimed during it and counted; a full gc here would flush compiled code, and recompiling it inside the call
 * shows up as whole allocation buffers), then the used-heap difference plus what every gc during the call
 * reclaimed, less the code V8 compiled meanwhile, plus the growth of off-heap memory. Uses V8's cumulative
 * allocation counter instead when the probe reads one. Async results are awaited, for at most `timeoutMs`; an
 * error of the call propagates unchanged.
 *
 * @param workload - the call to measure; `input` is passed to it.
 * @param input - what the workload's `prepare` built for this call (built before, never measured).
 * @param probe - the heap to measure on.
 * @param timeoutMs - how long an async call may take to settle, in ms (default: no limit).
 * @param label - names the matcher or function in the error when the call does not settle in time.
 * @example
 * const { heapBytes } = await sampleAllocation({ call: () => [1, 2, 3] }, undefined, nativeHeapProbe());
 */
export async function sampleAllocation(
  workload: { call: (input: unknown) => unknown },
  input: unknown,
  probe: HeapProbe,
  timeoutMs = Infinity,
  label = 'perfspec',
): Promise<AllocationSample> {
  probe.collectYoungGarbage();
  const stop = probe.watchCollections();
  let reclaimed: readonly number[];
  let after: HeapReading | undefined;
  let awaited = false;
  const codeBefore = probe.codeBytes();
  const before = probe.read();
  try {
    const result = workload.call(input);
    if (isThenable(result)) {
      awaited = true;
      await settleWithin(result, timeoutMs, label);
    }
    after = probe.read();
  } finally {
    reclaimed = stop();
  }
  // Compiled code is read outside the window: reading it walks the heap, which must not happen inside it.
  const compiledBytes = probe.codeBytes() - codeBefore;
  const heapBytes =
    before.allocatedBytes !== undefined && after.allocatedBytes !== undefined
      ? after.allocatedBytes - before.allocatedBytes
      : after.heapBytes - before.heapBytes + reclaimed.reduce((sum, bytes) => sum + bytes, 0);
  return { heapBytes: heapBytes - compiledBytes, externalBytes: after.externalBytes - before.externalBytes, compiledBytes, gcs: reclaimed.length, awaited };
}
