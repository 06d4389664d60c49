import type { AllocationMeasurement } from './AllocationMeasurement.js';
import type { AllocationSample } from './AllocationSample.js';
import { isSizedWorkload } from './isSizedWorkload.js';
import { isThenable } from './isThenable.js';
import type { MeasureAllocationOptions } from './MeasureAllocationOptions.js';
import { nativeClock } from './nativeClock.js';
import { nativeHeapProbe } from './nativeHeapProbe.js';
import { quantile } from './quantile.js';
import { sampleAllocation } from './sampleAllocation.js';
import { settleWithin } from './settleWithin.js';
import type { SizedWorkload } from './SizedWorkload.js';
import { toWorkload } from './toWorkload.js';

// Module-level, so that after the first measurement in a process their JIT state no longer changes: a fresh
// closure allocates its feedback vector during its first calls, which would show up in the baseline.
const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};
/** Measured calls keep coming, up to this multiple of `calls`, while the last `calls` of them disagree. */
const maxExtension = 3;
/** A median this far below the baseline means the heap moved by itself: the measurement is unusable. */
const unusableBelowBytes = -256;

/**
 * Measures the bytes one call of a function (or of a sized workload at input size n) allocates in steady state:
 * warm-up calls and a full gc first, then the median over several calls, each after a minor gc, of the V8 heap
 * bytes allocated (counting what gcs during the call reclaimed) plus the growth of ArrayBuffer memory, minus the
 * same figure for an empty function. Throws if gc cannot be had or the measurement is unusable; errors of the function propagate.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)` (then `options.n` is needed).
 * @param options - `n`, `calls`, `warmupCalls`, `maxTimeMs` (ms), and the heap probe and clock to use.
 * @example
 * const { bytesPerCall } = await measureAllocation(() => JSON.stringify(order));
 * const atN = await measureAllocation(sized(n => rows(n), r => toCsv(r)), { n: 1000 });
 */
export async function measureAllocation<Input>(
  received: (() => unknown) | SizedWorkload<Input>,
  options: MeasureAllocationOptions = {},
): Promise<AllocationMeasurement> {
  if (typeof received !== 'function' && !isSizedWorkload(received)) {
    throw new TypeError('measureAllocation: received must be a function or a sized workload');
  }
  // run's parameter makes SizedWorkload<Input> invariant; the engine only ever passes run what setup built.
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n, options.maxTimeMs ?? 1000);
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const calls = options.calls ?? 5;
  const warmupTarget = options.warmupCalls ?? 100;
  const capNs = (options.maxTimeMs ?? 1000) * 1e6;
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  const remainingMs = (): number => Math.max(1, (capNs - elapsed()) / 1e6);
  const prepare = async (): Promise<unknown> => {
    const input = workload.prepare?.();
    return isThenable(input) ? await input : input;
  };

  let warmupCalls = 0;
  let lastCallNs = 0;
  while (warmupCalls < warmupTarget && (warmupCalls === 0 || elapsed() + lastCallNs < 0.3 * capNs)) {
    const input = await prepare();
    const t0 = clock.wallNs();
    const result = workload.call(input);
    if (isThenable(result)) await settleWithin(result, remainingMs());
    lastCallNs = clock.wallNs() - t0;
    warmupCalls += 1;
  }

  // Garbage that warm-up left in the old generation must not be reclaimed, and counted, during a measured call;
  // from here on the minor gc before each call keeps the young generation clean.
  probe.collectGarbage();
  const samples: AllocationSample[] = [];
  const baselines: AllocationSample[] = [];
  let stoppedBy: AllocationMeasurement['stoppedBy'] = 'calls';
  let sampleNs = 0;
  for (;;) {
    const enough = samples.length >= calls && spread(samples.slice(-calls)) === 0;
    if (enough || samples.length >= calls * maxExtension) break;
    if (samples.length > 0 && elapsed() + sampleNs > capNs) {
      if (samples.length < calls) stoppedBy = 'time-cap';
      break;
    }
    const t0 = clock.wallNs();
    const input = await prepare();
    const sample = await sampleAllocation(workload, input, probe, remainingMs());
    // The baseline goes through the same code right after, so the measuring code's own JIT state matches.
    baselines.push(await sampleAllocation({ call: sample.awaited ? emptyAsync : emptySync }, undefined, probe));
    samples.push(sample);
    sampleNs = clock.wallNs() - t0;
  }

  const judged = samples.slice(-calls);
  const judgedBaselines = baselines.slice(-calls);
  const baselineHeap = median(judgedBaselines.map((s) => s.heapBytes));
  const baselineExternal = median(judgedBaselines.map((s) => s.externalBytes));
  const heapBytesPerCall = median(judged.map((s) => s.heapBytes)) - baselineHeap;
  const externalBytesPerCall = median(judged.map((s) => s.externalBytes)) - baselineExternal;
  const bytesPerCall = median(judged.map(total)) - (baselineHeap + baselineExternal);
  if (!Number.isFinite(bytesPerCall) || bytesPerCall < unusableBelowBytes) {
    throw new Error(
      `perfspec: allocation measurement unusable: the heap shrank by ${-Math.round(bytesPerCall)} B per call relative to an empty function ` +
        `(samples ${judged.map(total).join(', ')} B, baseline ${baselineHeap + baselineExternal} B); something else in the process is changing the heap`,
    );
  }
  const gcsPerCall = median(judged.map((s) => s.gcs));
  return {
    bytesPerCall,
    heapBytesPerCall,
    externalBytesPerCall,
    baselineBytes: baselineHeap + baselineExternal,
    samples,
    spreadBytes: spread(judged),
    warmupCalls,
    gcsPerCall,
    async: judged.some((s) => s.awaited),
    externalPartial: judged.some((s) => s.gcs > 0) && externalBytesPerCall > 0,
    stoppedBy,
    elapsedMs: elapsed() / 1e6,
  };
}

function total(sample: AllocationSample): number {
  return sample.heapBytes + sample.externalBytes;
}

function spread(samples: readonly AllocationSample[]): number {
  const totals = samples.map(total);
  return Math.max(...totals) - Math.min(...totals);
}

function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}
