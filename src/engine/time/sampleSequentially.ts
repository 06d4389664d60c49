import { setFlagsFromString } from 'node:v8';
import type { Workload } from '../workload.js';
import type { Clock, ClockMode } from './nativeClock.js';
import { sampleTime } from './sampleTime.js';
import type { TimeSample } from './sampleTime.js';

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

/**
 * Everything one sequential sampling run produced: the measured batches after warm-up, and how it went.
 * Times are ns; `samples` hold batch totals (divide by `calls` for per-call time).
 *
 * @example
 * const perCallCpuNs = run.samples.map(s => s.cpuNs / s.calls);
 */
export interface SamplingRun {
  samples: TimeSample[];
  /** Calls per batch after calibration (1 unless a call is shorter than the minimum sample time). */
  batchSize: number;
  /** Whether the workload returned promises (then it was awaited, and `'auto'` chose the wall clock). */
  async: boolean;
  /** The clock whose per-call times were judged. */
  clock: 'cpu' | 'wall';
  warmupCalls: number;
  warmupNs: number;
  /** Wall time of the whole run including warm-up and untimed setup. */
  elapsedNs: number;
  /** Why sampling ended: a look reached a decision, the time cap, one call outlasting the cap, or a hung call. */
  stoppedBy: 'decision' | 'time-cap' | 'single-call' | 'call-timeout' | 'unmeasured';
  /** Number of looks taken at the data. */
  looks: number;
  /** Whether the cap left no time after warm-up, so the warm-up batches are the samples. */
  fromWarmup: boolean;
  /** Batches left out because the CPU clock did not resolve them (it did not move, or far less than wall time). */
  unmeasured?: number;
  /** The shortest batch (ns): 100 µs, or 100 steps of the judging CPU clock when its steps are coarser. */
  minSampleNs?: number;
  /** Which CPU clock was read, and its measured step, when the clock says. */
  cpuSource?: string;
  /** Set when auto mode judged synchronous work on wall time because the only CPU clock was too coarse for the cap. */
  coarseCpuClock?: boolean;
}

/** Sample count at the first look: fewer samples cannot clear a 0.1% one-sided bound on the median anyway. */
const firstLookSamples = 8;
/** Growth of the sample count between looks. */
const lookGrowth = 1.5;

/**
 * The sequential plan of the time engine: look number j (1-based) happens after `samples` samples and may stop
 * only if a one-sided bound at level `alpha` clears the budget. The per-look levels alpha·1/(j(j+1)) sum to
 * alpha over all looks, however many there are, so repeated looking keeps the overall error below alpha
 * (Bonferroni over an alpha-spending sequence).
 *
 * @example
 * sequentialLook(1, 0.01); // { samples: 8, alpha: 0.005 }
 */
export function sequentialLook(j: number, totalAlpha: number): { samples: number; alpha: number } {
  return { samples: Math.ceil(firstLookSamples * lookGrowth ** (j - 1)), alpha: totalAlpha / (j * (j + 1)) };
}

/** Default minimum batch duration: 100× the CPU clock's 1 µs unit, 200× its ~0.45 µs read cost. */
const defaultMinSampleNs = 100_000;
/** A batch judged on a clock spans at least this many of its steps, so quantization moves it by ≤ 1%. */
const stepsPerSample = 100;
/** In auto mode, a CPU clock so coarse that fewer than this many samples of 100 steps fit the cap is not used. */
const minSamplesInCap = 20;
/**
 * A synchronous batch whose CPU time is below this share of its wall time was not resolved by the CPU clock:
 * two busy competitors on two cores bring CPU/wall to ~0.4, a 4 ms tick clock reads 0 for a 100 µs batch.
 */
const minCpuWallRatio = 0.1;
/** Warm-up ends once the last three batches agree with the three before within this ratio. */
const warmupAgreement = 1.1;
const warmupWindow = 3;
/** A backstop for clocks that do not advance (a broken fake); real runs end on time long before. */
const maxBatches = 100_000;

/**
 * Calibrates a batch size, warms the workload up until consecutive batches agree (bounded to 30% of the cap),
 * then samples, looking at the data on the schedule of `sequentialLook` and stopping as soon as `decide` returns
 * true for a look, or before the next batch would cross the time cap.
 *
 * @example
 * const run = await sampleSequentially(workload, options, (sortedNs, alpha) => upperBound(sortedNs, alpha) < budgetNs);
 */
export async function sampleSequentially(
  workload: Workload,
  options: SamplingOptions,
  decide: (sortedPerCallNs: readonly number[], alpha: number) => boolean,
): Promise<SamplingRun> {
  const { clock, callTimeoutNs } = options;
  const capNs = options.maxTimeMs * 1e6;
  preferSteadyTier();
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;

  const first = await sampleTime(workload, 1, clock, Math.max(callTimeoutNs, 0));
  const isAsync = first.awaited;
  const cpuResolutionNs = clock.cpuResolutionNs ?? 1000;
  const cpuTooCoarse = stepsPerSample * cpuResolutionNs * minSamplesInCap > capNs;
  const which: 'cpu' | 'wall' = options.clockMode === 'auto' ? (isAsync || cpuTooCoarse ? 'wall' : 'cpu') : options.clockMode;
  const minSampleNs = options.minSampleNs ?? Math.max(defaultMinSampleNs, which === 'cpu' ? stepsPerSample * cpuResolutionNs : 0);
  const perCall = (s: TimeSample): number => (which === 'cpu' ? s.cpuNs : s.wallNs) / s.calls;
  // A CPU reading that did not move, or moved far less than contention explains, is an unresolved sample: it
  // must never count as a fast one.
  // On a busy host a short batch can lose its whole time slice, so only an idle host makes a low CPU/wall
  // ratio suspicious.
  const hostIdle = options.hostLoadPerCore !== undefined && options.hostLoadPerCore < 0.5;
  const unresolved = (s: TimeSample): boolean => which === 'cpu' && !s.awaited && (s.cpuNs <= 0 || (hostIdle && s.cpuNs < minCpuWallRatio * s.wallNs));
  let unmeasured = 0;
  const unresolvedSamples: TimeSample[] = [];
  const finish = (samples: TimeSample[], batchSize: number, warmupCalls: number, warmupNs: number, stoppedBy: SamplingRun['stoppedBy'], looks: number): SamplingRun => ({
    samples,
    batchSize,
    async: isAsync,
    clock: which,
    warmupCalls,
    warmupNs,
    elapsedNs: elapsed(),
    // Whatever ended the run, samples the CPU clock did not resolve are no evidence (the cap or a single long
    // call must not turn a clock that never moved into a zero-time pass).
    stoppedBy: stoppedBy !== 'call-timeout' && samples.length > 0 && samples.every(unresolved) ? 'unmeasured' : stoppedBy,
    looks,
    fromWarmup: false,
    unmeasured,
    minSampleNs,
    ...(clock.cpuSource === undefined ? {} : { cpuSource: clock.cpuSource }),
    ...(cpuTooCoarse && options.clockMode === 'auto' && !isAsync ? { coarseCpuClock: true } : {}),
  });
  // When calls are so slow that the cap ends the run before any measured batch, the warm-up batches (or the
  // first call alone) are all the evidence there is: judge on them and say so, rather than on nothing.
  const fallBack = (warm: TimeSample[], batchSize: number, warmupCalls: number, warmupNs: number): SamplingRun =>
    warm.length > 0
      ? { ...finish(warm, batchSize, warmupCalls, warmupNs, 'time-cap', 0), fromWarmup: true }
      : finish([first], 1, 0, 0, 'single-call', 0);
  if (first.timedOut) return finish([first], 1, 0, 0, 'call-timeout', 0);
  if (first.wallNs >= capNs) return finish([first], 1, 0, 0, 'single-call', 0);

  // Warm-up: grow the batch until it lasts minSampleNs, then run until consecutive windows agree.
  let batchSize = 1;
  let warmupCalls = 1;
  let window: number[] = [];
  let warm: TimeSample[] = [];
  let lastWallNs = first.wallNs;
  const minWarmupNs = Math.min(30e6, 0.1 * capNs);
  const maxWarmupNs = 0.3 * capNs;
  for (let batch = 0; batch < maxBatches; batch++) {
    const sample = await sampleTime(workload, batchSize, clock, callTimeoutNs);
    warmupCalls += sample.calls;
    lastWallNs = sample.wallNs;
    if (sample.timedOut) return finish([sample], batchSize, warmupCalls, elapsed(), 'call-timeout', 0);
    if (sample.wallNs < minSampleNs || unresolved(sample)) {
      const grown = Math.ceil((batchSize * minSampleNs * 1.25) / Math.max(sample.wallNs, minSampleNs / 1000));
      batchSize = Math.min(Math.max(grown, batchSize * 4), batchSize * 1000);
      window = [];
      warm = [];
    } else {
      window.push(perCall(sample));
      warm.push(sample);
    }
    if (elapsed() >= maxWarmupNs) break;
    if (window.length >= 2 * warmupWindow && elapsed() >= minWarmupNs && agree(window)) break;
  }
  const warmupNs = elapsed();

  const samples: TimeSample[] = [];
  let lookNumber = 1;
  let look = sequentialLook(lookNumber, options.totalAlpha);
  while (samples.length < maxBatches) {
    if (elapsed() + lastWallNs > capNs) {
      return samples.length > 0 ? finish(samples, batchSize, warmupCalls, warmupNs, 'time-cap', lookNumber - 1) : fallBack(warm, batchSize, warmupCalls, warmupNs);
    }
    const sample = await sampleTime(workload, batchSize, clock, callTimeoutNs);
    lastWallNs = sample.wallNs;
    if (sample.timedOut) return finish([...samples, sample], batchSize, warmupCalls, warmupNs, 'call-timeout', lookNumber - 1);
    if (unresolved(sample)) {
      unmeasured += 1;
      unresolvedSamples.push(sample);
      if (unmeasured > Math.max(warmupWindow, samples.length)) {
        // Kept for the message when nothing else is left; the verdict of an 'unmeasured' run is never a pass.
        return finish(samples.length > 0 ? samples : unresolvedSamples, batchSize, warmupCalls, warmupNs, 'unmeasured', lookNumber - 1);
      }
      continue;
    }
    samples.push(sample);
    if (samples.length < look.samples) continue;
    const sorted = samples.map(perCall).sort((a, b) => a - b);
    if (decide(sorted, look.alpha)) return finish(samples, batchSize, warmupCalls, warmupNs, 'decision', lookNumber);
    lookNumber += 1;
    look = sequentialLook(lookNumber, options.totalAlpha);
  }
  return finish(samples, batchSize, warmupCalls, warmupNs, 'time-cap', lookNumber - 1);
}

function agree(window: readonly number[]): boolean {
  const median3 = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[1] as number;
  const recent = median3(window.slice(-warmupWindow));
  const before = median3(window.slice(-2 * warmupWindow, -warmupWindow));
  const ratio = recent / before;
  return ratio <= warmupAgreement && ratio >= 1 / warmupAgreement;
}

let done = false;

/**
 * Turns off V8's mid-tier compiler (Maglev, on by default from Node 22) once per process, unless
 * `PERFSPEC_V8_TIERS=default` is set. Measured on Node 24.21: a 1 µs loop ran at 2.3 µs in Maglev code for its
 * first 200–300 ms of calls, a plateau stable enough to end warm-up, and only then reached its 1.0 µs steady
 * state in TurboFan, so a budget at 1.67× the steady time failed one process in four. Without the mid tier
 * the same function reaches TurboFan within the warm-up, as on Node 20 (which has no Maglev by default).
 *
 * @example
 * preferSteadyTier(); // before the first timed call
 */
function preferSteadyTier(): void {
  if (done) return;
  done = true;
  if (process.env.PERFSPEC_V8_TIERS === 'default') return;
  try {
    setFlagsFromString('--no-maglev');
  } catch {
    // A runtime without the flag keeps its default tiers; the warm-up still waits for stable batches.
  }
}
