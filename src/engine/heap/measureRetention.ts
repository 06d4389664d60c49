import type { Clock } from '../time/nativeClock.js';
import { isThenable, settleWithin } from '../workload.js';
import type { SizedWorkload, Workload } from '../workload.js';
import type { HeapProbe } from './nativeHeapProbe.js';
import { planRetention, retentionCallLimits } from './planRetention.js';
import { startHeapRun } from './startHeapRun.js';
import type { HeapRun } from './startHeapRun.js';

/**
 * Options of `measureRetention`.
 *
 * @example
 * await measureRetention(() => handler(req), { calls: 2000, maxTimeMs: 5000 });
 */
export interface MeasureRetentionOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  /**
   * Calls before the first reading; twice as many follow before the last (default: as many as the cap allows,
   * 10–32 768). More calls see smaller leaks and let larger bounded caches fill before judging.
   */
  calls?: number;
  /** Cap on the whole measurement's wall time in ms (default 1000). */
  maxTimeMs?: number;
  /**
   * When the minimum evidence does not fit in `maxTimeMs` (slow gcs in a large heap), the cap may grow up to this
   * many ms instead of failing (default: 4000 when `maxTimeMs` is not given, else it may not grow).
   */
  stretchToMs?: number;
  /** Name used at the start of errors (default `measureRetention`). */
  label?: string;
  /** The heap to measure on (default: this process's, `nativeHeapProbe()`). */
  probe?: HeapProbe;
  /** The clock that bounds the measurement in time (default `nativeClock`). */
  clock?: Clock;
}

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

/**
 * The leak rule of `toRetainAtMost`: true when the heap grew over the judged calls by more than `bytesPerCall`
 * for each of them plus the noise floor. The judged calls are at least as many as all calls before them, so a
 * Map, Set or array gaining an entry per call has doubled its backing store at least once in between, while a
 * bounded cache, a memoized value or a lazy initialisation filled up before the first reading.
 *
 * @param measurement - `growthBytes`, `judgedCalls` and `noiseFloorBytes` of a retention measurement.
 * @param bytesPerCall - the allowed retention per call in bytes.
 * @example
 * retentionExceeds({ growthBytes: 65_536, judgedCalls: 2048, noiseFloorBytes: 16_384 }, 0); // true
 */
export function retentionExceeds(
  measurement: Pick<RetentionMeasurement, 'growthBytes' | 'judgedCalls' | 'noiseFloorBytes'>,
  bytesPerCall: number,
): boolean {
  return measurement.growthBytes > bytesPerCall * measurement.judgedCalls + measurement.noiseFloorBytes;
}

/**
 * Growth over the judged calls below this is noise, not retention: with nothing retained, readings 32 768 calls
 * apart still moved by up to ~4 KiB on the real heap (runtime bookkeeping that gcs do not undo in step).
 */
const noiseFloorBytes = 16 * 1024;
/** The heap may grow by at most this much (or a quarter of the room left below the heap limit) between checks. */
const memoryStepMaxBytes = 128 * 1024 * 1024;
/** A chunk of calls between two checks of time and memory takes at most this share of the cap. */
const chunkShare = 0.05;

interface RunState {
  calls: number;
  async: boolean;
}

/**
 * Measures how much heap a function keeps per call. It first measures what a full gc, a heap reading and a call
 * cost in this process, then plans within `maxTimeMs`: `c` calls (caches fill, code warms up), a reading after
 * full gcs, `2c` more calls, a reading. A leak into a Map, Set or array shows in the growth between the readings
 * even though backing stores grow in steps. The heap is watched between chunks of calls: a leak so large that it
 * would approach the heap limit ends the run early with the growth it showed. Inputs of a sized workload are built
 * one call at a time. Heap measurements in one process run one at a time. Errors of the function propagate.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)` (then `options.n` is needed).
 * @param options - `calls`, `maxTimeMs` and `stretchToMs` (ms), `n`, `label`, and the heap probe and clock.
 * @example
 * const { bytesPerCall, judgedCalls } = await measureRetention(() => server.handle(request));
 */
export async function measureRetention<Input>(
  received: (() => unknown) | SizedWorkload<Input>,
  options: MeasureRetentionOptions = {},
): Promise<RetentionMeasurement> {
  return startHeapRun('measureRetention', received, options, retentionDefaults.maxTimeMs, (run) => measure(run, options.calls));
}

/** The cap of `measureRetention` called directly (ms); matchers resolve theirs in src/config. */
export const retentionDefaults = { maxTimeMs: 1000 } as const;

async function measure(run: HeapRun, fixedCalls: number | undefined): Promise<RetentionMeasurement> {
  const { workload, probe, clock, cap, elapsed, remainingMs, label } = run;
  // What this process charges for the evidence, measured before planning: a full gc costs ~0.8 ms per MB of live
  // heap (~200 ms in a ts-jest worker, twice that under load), and the readings take three. This gc also collects
  // the garbage of whatever ran before, so it errs long: the plan leaves room to spare.
  const timeGc = (): number => {
    const t0 = clock.wallNs();
    probe.collectGarbage();
    return clock.wallNs() - t0;
  };
  let fullGcNs = timeGc();
  let t = clock.wallNs();
  probe.collectYoungGarbage();
  const minorGcNs = clock.wallNs() - t;
  t = clock.wallNs();
  const startBytes = retainedNow(probe);
  const readNs = clock.wallNs() - t;
  let readingsNs = 3 * fullGcNs + 2 * readNs;
  const heap = probe.read();
  const limitBytes = heap.limitBytes ?? Infinity;
  const memoryStepBytes = Math.min(memoryStepMaxBytes, 0.25 * (limitBytes - heap.heapBytes));
  const costs = (perCallNs: number): RetentionMeasurement['costs'] => ({
    fullGcMs: fullGcNs / 1e6,
    minorGcMs: minorGcNs / 1e6,
    heapBytes: heap.heapBytes,
    heapLimitBytes: limitBytes,
    callMs: perCallNs / 1e6,
  });
  const lackOfTime = (neededMs: number, perCallNs: number): Error => lackOfTimeError(label, costs(perCallNs), neededMs, cap.stretchNs / 1e6);

  const state: RunState = { calls: 0, async: false };
  const readings: RetentionReading[] = [{ calls: 0, bytes: startBytes }];
  let usedBase = usedNow(probe);
  let perCallNs = 0;
  let chunk = 1;
  let gcRetimed = false;
  let target = fixedCalls ?? retentionCallLimits.max;
  let first: RetentionReading | undefined;
  let stoppedBy: RetentionMeasurement['stoppedBy'] = 'plan';
  const finish = (from: RetentionReading, to: RetentionReading): RetentionMeasurement => {
    const judgedCalls = to.calls - from.calls;
    return {
      first: from,
      last: to,
      growthBytes: to.bytes - from.bytes,
      judgedCalls,
      bytesPerCall: (to.bytes - from.bytes) / judgedCalls,
      noiseFloorBytes,
      resolutionBytesPerCall: noiseFloorBytes / judgedCalls,
      async: state.async,
      stoppedBy,
      costs: costs(perCallNs),
      capMs: cap.ns / 1e6,
      elapsedMs: elapsed() / 1e6,
    };
  };

  for (;;) {
    const size = Math.min(chunk, target - state.calls);
    if (first !== undefined && size > 0 && elapsed() + size * perCallNs + 2 * (fullGcNs + readNs) > cap.ns) {
      stoppedBy = 'time-cap';
      break;
    }
    if (size <= 0) {
      if (first !== undefined) break;
      first = reading(probe, state.calls, 1);
      readings.push(first);
      usedBase = usedNow(probe);
      target = 3 * first.calls;
      continue;
    }
    t = clock.wallNs();
    await runCalls(workload, size, state, remainingMs(), label);
    perCallNs = (clock.wallNs() - t) / size;
    chunk = Math.max(1, Math.min(2 * size, perCallNs > 0 ? Math.floor((chunkShare * cap.ns) / perCallNs) : Infinity));

    if (usedNow(probe) - usedBase > memoryStepBytes) {
      readings.push(reading(probe, state.calls, 2));
      usedBase = usedNow(probe);
      const [before, after] = readings.slice(-2) as [RetentionReading, RetentionReading];
      // Two readings in a row with a quarter of a memory step kept in between: a leak far above any noise, and
      // going on would only bring the process nearer its heap limit.
      if (readings.length >= 3 && after.bytes - before.bytes > memoryStepBytes / 4) {
        stoppedBy = 'memory';
        return finish(before, after);
      }
    }
    if (first !== undefined) continue;
    const plan = (): ReturnType<typeof planRetention> =>
      planRetention({ readingsNs, perCallNs, callsDone: state.calls, elapsedNs: elapsed(), capNs: cap.ns, stretchNs: cap.stretchNs, calls: fixedCalls });
    let planned = plan();
    if (!planned.fits) {
      // A first call may be slow once (lazy initialisation, module loading): a second call decides, when one fits.
      if (state.calls === 1 && elapsed() + perCallNs < cap.stretchNs) continue;
      // One gc timing decides only when a second agrees: under CPU contention one can be a long preemption.
      if (!gcRetimed) {
        gcRetimed = true;
        fullGcNs = Math.min(fullGcNs, timeGc());
        readingsNs = 3 * fullGcNs + 2 * readNs;
        usedBase = usedNow(probe);
        planned = plan();
      }
      if (!planned.fits) throw lackOfTime(planned.neededMs, perCallNs);
    }
    cap.ns = planned.capNs;
    target = planned.firstReadingCalls;
  }
  const firstReading = first ?? readings[0]!;
  const last = reading(probe, state.calls, 2);
  const judgedCalls = last.calls - firstReading.calls;
  if (judgedCalls < Math.max(firstReading.calls, 2 * retentionCallLimits.min)) {
    const neededMs = Math.ceil((1.2 * (elapsed() + (3 * firstReading.calls - state.calls) * perCallNs)) / 1e6 / 100) * 100;
    throw lackOfTime(neededMs, perCallNs);
  }
  return finish(firstReading, last);
}

/** Makes `calls` calls, each on its own freshly built input; inputs and results die with this frame. */
function runCalls(workload: Workload, calls: number, state: RunState, timeoutMs: number, label: string): Promise<void> | undefined {
  for (let i = 0; i < calls; i++) {
    const pending = callOnce(workload, state, timeoutMs, label);
    if (pending !== undefined) return pending.then(() => runCallsAsync(workload, i + 1, calls, state, timeoutMs, label));
    state.calls += 1;
  }
  return undefined;
}

async function runCallsAsync(workload: Workload, from: number, calls: number, state: RunState, timeoutMs: number, label: string): Promise<void> {
  state.calls += 1;
  for (let i = from; i < calls; i++) {
    const pending = callOnce(workload, state, timeoutMs, label);
    if (pending !== undefined) await pending;
    state.calls += 1;
  }
}

/** One call; undefined when it was synchronous through and through, else a promise bounded by `timeoutMs`. */
function callOnce(workload: Workload, state: RunState, timeoutMs: number, label: string): Promise<void> | undefined {
  if (workload.prepare === undefined) return settled(workload.call(undefined), state, timeoutMs, label);
  const input = workload.prepare();
  if (!isThenable(input)) return settled(workload.call(input), state, timeoutMs, label);
  return settleWithin(input, timeoutMs, label, workload.setupName)
    .then(() => input)
    .then((built) => settled(workload.call(built), state, timeoutMs, label));
}

function settled(result: unknown, state: RunState, timeoutMs: number, label: string): Promise<void> | undefined {
  if (!isThenable(result)) return undefined;
  state.async = true;
  return settleWithin(result, timeoutMs, label).then(() => undefined);
}

/** Used heap plus off-heap memory now, without a gc: a cheap check of how fast the heap fills. */
function usedNow(probe: HeapProbe): number {
  const { heapBytes, externalBytes } = probe.read();
  return heapBytes + externalBytes;
}

function retainedNow(probe: HeapProbe): number {
  const { heapBytes, externalBytes } = probe.read();
  return heapBytes + externalBytes - probe.codeBytes();
}

/**
 * Retained bytes after full gcs. Right after a gc the old generation sometimes reports a few hundred KiB that the
 * next gc takes back, so a reading is too high at times and never too low: the last reading takes the smaller of
 * two (a too-high last reading would be a false leak), the first makes do with one (a too-high first reading can
 * only hide a leak smaller than that, and saves a gc of up to ~400 ms in a large heap).
 */
function reading(probe: HeapProbe, calls: number, gcs: 1 | 2): RetentionReading {
  probe.collectGarbage();
  const once = retainedNow(probe);
  if (gcs === 1) return { calls, bytes: once };
  probe.collectGarbage();
  return { calls, bytes: Math.min(once, retainedNow(probe)) };
}

function lackOfTimeError(label: string, costs: RetentionMeasurement['costs'], neededMs: number, capMs: number): Error {
  const mb = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;
  const ms = (value: number): string => (value >= 10 ? `${Math.round(value)} ms` : `${value.toPrecision(2)} ms`);
  return new Error(
    `${label}: not enough time for a verdict: a full gc takes ${ms(costs.fullGcMs)} in this process (heap ${mb(costs.heapBytes)}) ` +
      `and one call ${ms(costs.callMs)}; the least evidence (${3 * retentionCallLimits.min} calls and 4 full gcs) needs about ${neededMs} ms, ` +
      `and the cap is ${Math.round(capMs)} ms; set maxTimeMs: ${neededMs}`,
  );
}
