import { median } from '../stats/summarize.js';
import type { Clock } from '../time/nativeClock.js';
import { isThenable, settleWithin } from '../workload.js';
import type { SizedWorkload } from '../workload.js';
import type { HeapProbe, HeapReading } from './nativeHeapProbe.js';
import { startHeapRun } from './startHeapRun.js';
import type { HeapRun } from './startHeapRun.js';

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
 * @param codeReads - how compiled code is read: a heap walk (`'walk'`, exact) or the code spaces (`'spaces'`, cheap).
 * @example
 * const { heapBytes } = await sampleAllocation({ call: () => [1, 2, 3] }, undefined, nativeHeapProbe());
 */
export async function sampleAllocation(
  workload: { call: (input: unknown) => unknown },
  input: unknown,
  probe: HeapProbe,
  timeoutMs = Infinity,
  label = 'perfspec',
  codeReads: CodeReads = 'walk',
): Promise<AllocationSample> {
  const readCode = codeReads === 'spaces' && probe.codeSpaceBytes !== undefined ? probe.codeSpaceBytes.bind(probe) : probe.codeBytes.bind(probe);
  probe.collectYoungGarbage();
  const stop = probe.watchCollections();
  let reclaimed: readonly number[];
  let after: HeapReading | undefined;
  let awaited = false;
  const codeBefore = readCode();
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
  const compiledBytes = readCode() - codeBefore;
  const heapBytes =
    before.allocatedBytes !== undefined && after.allocatedBytes !== undefined
      ? after.allocatedBytes - before.allocatedBytes
      : after.heapBytes - before.heapBytes + reclaimed.reduce((sum, bytes) => sum + bytes, 0);
  return { heapBytes: heapBytes - compiledBytes, externalBytes: after.externalBytes - before.externalBytes, compiledBytes, gcs: reclaimed.length, awaited };
}

/**
 * How a sample reads the code V8 compiled during a call: by walking the heap (exact, ~1 ms per 4 MB of heap) or from
 * the code spaces' sizes (no walk; misses the metadata V8 keeps beside the code).
 *
 * @example
 * const codeReads: CodeReads = 'walk';
 */
export type CodeReads = 'walk' | 'spaces';

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

/**
 * The result of `measureAllocation`: bytes one call allocates in steady state, with the evidence. Bytes unless
 * the name says otherwise.
 *
 * @example
 * const { bytesPerCall, baselineBytes } = await measureAllocation(() => encode(msg));
 */
export interface AllocationMeasurement {
  /** Median bytes per call (heap plus off-heap) over the measured calls, minus the empty-function baseline. */
  bytesPerCall: number;
  /** The V8-heap part of `bytesPerCall`. */
  heapBytesPerCall: number;
  /** The ArrayBuffer/external part of `bytesPerCall`. */
  externalBytesPerCall: number;
  /** Median bytes the measuring itself showed around an empty function (subtracted above). */
  baselineBytes: number;
  /** The measured calls, in order, before the baseline is subtracted. */
  samples: AllocationSample[];
  /** Largest minus smallest total of the judged samples (0 when every call allocated the same). */
  spreadBytes: number;
  /** Calls made before measuring, so that JIT tiering had settled. */
  warmupCalls: number;
  /** Median number of garbage collections during a measured call. */
  gcsPerCall: number;
  /** Whether the function returned a promise that was awaited. */
  async: boolean;
  /** Whether some off-heap bytes may be missing: buffers freed by a gc during the call are not seen. */
  externalPartial: boolean;
  /** How the run ended: the last `calls` calls agreed, or the cap ended the extra calls made while they did not. */
  stoppedBy: 'calls' | 'time-cap';
  /**
   * How compiled code was read: a heap walk, or the code spaces where a walk would cost more than 10 ms (a heap of a
   * few hundred MB, as in a ts-jest worker), which would make each sample cost tens of ms.
   */
  codeReads: CodeReads;
  /** The cap the run was planned in (ms): `maxTimeMs`, or more when it was allowed to stretch to hold the planned calls. */
  capMs: number;
  /** Wall time of the whole measurement, in ms. */
  elapsedMs: number;
}

// Module-level, so that after the first measurement in a process their JIT state no longer changes: a fresh
// closure allocates its feedback vector during its first calls, which would show up in the baseline.
const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};
/** Measured calls keep coming, up to this multiple of `calls`, while the last `calls` of them disagree. */
const maxExtension = 3;
/** Warm-up takes at most this share of the cap; the planned measured calls at most this share of what is left. */
const warmupShare = 0.3;
const usableShare = 0.85;
/**
 * A walk of the heap for compiled code slower than this (a heap over ~40 MB) makes each sample read the code spaces
 * instead: in a ts-jest worker (160–250 MB) a walk took 40–60 ms, four per measured call, so a 200 MB workload did
 * not fit its 4 s cap. Measured calls after warm-up rarely compile, and the median of several calls leaves out one
 * that did; Vitest workers (12–25 MB) keep the exact walk.
 */
const cheapWalkNs = 10e6;
/** A median this far below the baseline means the heap moved by itself: the measurement is unusable. */
const unusableBelowBytes = -256;

/**
 * The defaults of `measureAllocation` called directly (the matchers resolve theirs in src/config): 5 measured
 * calls after 100 warm-up calls, within 1000 ms.
 */
export const allocationDefaults = { calls: 5, warmupCalls: 100, maxTimeMs: 1000 } as const;

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
  return startHeapRun('measureAllocation', received, options, allocationDefaults.maxTimeMs, (run) => measure(run, options));
}

async function measure(run: HeapRun, options: MeasureAllocationOptions): Promise<AllocationMeasurement> {
  const { workload, probe, clock, cap, elapsed, remainingMs, label } = run;
  const calls = options.calls ?? allocationDefaults.calls;
  const warmupTarget = options.warmupCalls ?? allocationDefaults.warmupCalls;
  const prepare = async (): Promise<unknown> => {
    const input = workload.prepare?.();
    return isThenable(input) ? await input : input;
  };

  // What one sample costs in this process before any planning: a minor gc and two reads of compiled code (a heap
  // walk: ~1 ms in a small heap, tens of ms in a 250 MB one, a ts-jest worker). Each measured call needs two.
  // The faster of two timings: under CPU contention one of them can be a preemption hundreds of times its cost.
  const walkStartNs = clock.wallNs();
  probe.codeBytes();
  const codeReads: CodeReads = clock.wallNs() - walkStartNs > cheapWalkNs && probe.codeSpaceBytes !== undefined ? 'spaces' : 'walk';
  const timeSample = async (): Promise<number> => {
    const t0 = clock.wallNs();
    await sampleAllocation({ call: emptySync }, undefined, probe, Infinity, label, codeReads);
    return clock.wallNs() - t0;
  };
  let sampleNs = Math.min(await timeSample(), await timeSample());
  const reserveNs = (callNs: number): number => (calls * (2 * sampleNs + callNs)) / usableShare;
  // A cap that may stretch does so now when the samples alone would crowd out warm-up: unwarmed code allocates
  // differently (5 600 B per call before optimization, 0 after, in one measured case).
  const plannedNs = Math.ceil((sampleNs + reserveNs(0)) / (1 - warmupShare) / 1e8) * 1e8;
  if (plannedNs > cap.ns) cap.ns = Math.min(cap.stretchNs, plannedNs);

  let warmupCalls = 0;
  // The median of the last few calls: one call can be preempted for far longer than it runs.
  const recentNs = new Float64Array(5);
  const callNs = (): number => median([...recentNs.subarray(0, Math.min(warmupCalls, recentNs.length))]);
  // Warm-up takes at most 30% of the cap, and never the time the planned measured calls need.
  while (warmupCalls < warmupTarget && (warmupCalls === 0 || elapsed() + callNs() < Math.min(warmupShare * cap.ns, cap.ns - reserveNs(callNs())))) {
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
  if (elapsed() + reserveNs(callNs()) > cap.ns) sampleNs = Math.min(sampleNs, await timeSample());
  const neededNs = elapsed() + reserveNs(callNs());
  if (neededNs > cap.ns) {
    const neededMs = Math.ceil((1.2 * neededNs) / 1e6 / 100) * 100;
    if (neededMs * 1e6 > cap.stretchNs) {
      const heapMb = Math.round(probe.read().heapBytes / 1e6);
      throw new Error(
        `${label}: not enough time for ${calls} measured calls: one sample costs ${ms(sampleNs)} in this process (a minor gc and ${codeReads === 'walk' ? 'two heap walks' : 'two readings'}; heap ${heapMb} MB, full gc ${ms(fullGcNs)}) ` +
          `and one call ${ms(callNs())}; they need about ${neededMs} ms, and the cap is ${Math.round(cap.stretchNs / 1e6)} ms; set maxTimeMs: ${neededMs}`,
      );
    }
    cap.ns = neededMs * 1e6;
  }
  const samples: AllocationSample[] = [];
  const baselines: AllocationSample[] = [];
  let stoppedBy: AllocationMeasurement['stoppedBy'] = 'calls';
  let pairNs = 0;
  for (;;) {
    const enough = samples.length >= calls && spread(samples.slice(-calls)) === 0;
    if (enough || samples.length >= calls * maxExtension) break;
    // The planned calls are all measured (the median is over them, not over whatever fit); more only in time.
    if (samples.length >= calls && elapsed() + pairNs > cap.ns) {
      stoppedBy = 'time-cap';
      break;
    }
    const t0 = clock.wallNs();
    const input = await prepare();
    const sample = await sampleAllocation(workload, input, probe, remainingMs(), label, codeReads);
    // The baseline goes through the same code right after, so the measuring code's own JIT state matches.
    baselines.push(await sampleAllocation({ call: sample.awaited ? emptyAsync : emptySync }, undefined, probe, Infinity, label, codeReads));
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
    codeReads,
    capMs: cap.ns / 1e6,
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

