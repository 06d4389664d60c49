import type { AllocationMeasurement } from './AllocationMeasurement.js';
import type { AllocationSample } from './AllocationSample.js';
import { defaultStretchToMs } from './defaultStretchToMs.js';
import { exclusiveHeap } from './exclusiveHeap.js';
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
import type { Workload } from './Workload.js';

// Module-level, so that after the first measurement in a process their JIT state no longer changes: a fresh
// closure allocates its feedback vector during its first calls, which would show up in the baseline.
const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};
/** Measured calls keep coming, up to this multiple of `calls`, while the last `calls` of them disagree. */
const maxExtension = 3;
/** Warm-up takes at most this share of the cap; the planned measured calls at most this share of what is left. */
const warmupShare = 0.3;
const usableShare = 0.85;
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
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n);
  const label = options.label ?? 'measureAllocation';
  return exclusiveHeap(label, () => measure(workload, options, label));
}

async function measure(workload: Workload, options: MeasureAllocationOptions, label: string): Promise<AllocationMeasurement> {
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const calls = options.calls ?? 5;
  const warmupTarget = options.warmupCalls ?? 100;
  let capNs = (options.maxTimeMs ?? 1000) * 1e6;
  const stretchNs = Math.max(capNs, (options.stretchToMs ?? (options.maxTimeMs === undefined ? defaultStretchToMs : 0)) * 1e6);
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  const remainingMs = (): number => Math.max(1, (capNs - elapsed()) / 1e6);
  const prepare = async (): Promise<unknown> => {
    const input = workload.prepare?.();
    return isThenable(input) ? await input : input;
  };

  // What one sample costs in this process before any planning: a minor gc and two walks of the heap for compiled
  // code, ~1 ms in a small heap and tens of ms in a 250 MB one (a ts-jest worker). Each measured call needs two.
  // The faster of two timings: under CPU contention one of them can be a preemption hundreds of times its cost.
  const timeSample = async (): Promise<number> => {
    const t0 = clock.wallNs();
    await sampleAllocation({ call: emptySync }, undefined, probe);
    return clock.wallNs() - t0;
  };
  let sampleNs = Math.min(await timeSample(), await timeSample());
  const reserveNs = (callNs: number): number => (calls * (2 * sampleNs + callNs)) / usableShare;
  // A cap that may stretch does so now when the samples alone would crowd out warm-up: unwarmed code allocates
  // differently (5 600 B per call before optimization, 0 after, in one measured case).
  const plannedNs = Math.ceil((sampleNs + reserveNs(0)) / (1 - warmupShare) / 1e8) * 1e8;
  if (plannedNs > capNs) capNs = Math.min(stretchNs, plannedNs);

  let warmupCalls = 0;
  // The median of the last few calls: one call can be preempted for far longer than it runs.
  const recentNs = new Float64Array(5);
  const callNs = (): number => median([...recentNs.subarray(0, Math.min(warmupCalls, recentNs.length))]);
  // Warm-up takes at most 30% of the cap, and never the time the planned measured calls need.
  while (warmupCalls < warmupTarget && (warmupCalls === 0 || elapsed() + callNs() < Math.min(warmupShare * capNs, capNs - reserveNs(callNs())))) {
    const input = await prepare();
    const t0 = clock.wallNs();
    const result = workload.call(input);
    if (isThenable(result)) await settleWithin(result, remainingMs(), label);
    recentNs[warmupCalls % recentNs.length] = clock.wallNs() - t0;
    warmupCalls += 1;
  }

  // Garbage that warm-up left in the old generation must not be reclaimed, and counted, during a measured call;
  // from here on the minor gc before each call keeps the young generation clean.
  const t = clock.wallNs();
  probe.collectGarbage();
  const fullGcNs = clock.wallNs() - t;
  // Measured costs decide only when a second look agrees: a sample timed again, the faster kept.
  if (elapsed() + reserveNs(callNs()) > capNs) sampleNs = Math.min(sampleNs, await timeSample());
  const neededNs = elapsed() + reserveNs(callNs());
  if (neededNs > capNs) {
    const neededMs = Math.ceil((1.2 * neededNs) / 1e6 / 100) * 100;
    if (neededMs * 1e6 > stretchNs) {
      const heapMb = Math.round(probe.read().heapBytes / 1e6);
      throw new Error(
        `${label}: not enough time for ${calls} measured calls: one sample costs ${ms(sampleNs)} in this process (a minor gc and two heap walks; heap ${heapMb} MB, full gc ${ms(fullGcNs)}) ` +
          `and one call ${ms(callNs())}; they need about ${neededMs} ms, and the cap is ${Math.round(stretchNs / 1e6)} ms; set maxTimeMs: ${neededMs}`,
      );
    }
    capNs = neededMs * 1e6;
  }
  const samples: AllocationSample[] = [];
  const baselines: AllocationSample[] = [];
  let stoppedBy: AllocationMeasurement['stoppedBy'] = 'calls';
  let pairNs = 0;
  for (;;) {
    const enough = samples.length >= calls && spread(samples.slice(-calls)) === 0;
    if (enough || samples.length >= calls * maxExtension) break;
    // The planned calls are all measured (the median is over them, not over whatever fit); more only in time.
    if (samples.length >= calls && elapsed() + pairNs > capNs) {
      stoppedBy = 'time-cap';
      break;
    }
    const t0 = clock.wallNs();
    const input = await prepare();
    const sample = await sampleAllocation(workload, input, probe, remainingMs(), label);
    // The baseline goes through the same code right after, so the measuring code's own JIT state matches.
    baselines.push(await sampleAllocation({ call: sample.awaited ? emptyAsync : emptySync }, undefined, probe));
    samples.push(sample);
    pairNs = clock.wallNs() - t0;
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
      `${label}: allocation measurement unusable: the heap shrank by ${-Math.round(bytesPerCall)} B per call relative to an empty function ` +
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
    capMs: capNs / 1e6,
    elapsedMs: elapsed() / 1e6,
  };
}

function ms(ns: number): string {
  const value = ns / 1e6;
  return value >= 10 ? `${Math.round(value)} ms` : `${value.toPrecision(2)} ms`;
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
