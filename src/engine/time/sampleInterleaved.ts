import { seededRandom } from '../stats/seededRandom.js';
import type { Workload } from '../workload.js';
import type { Clock, ClockMode } from './nativeClock.js';
import { sampleSequentially, sequentialLook } from './sampleSequentially.js';
import type { SamplingRun } from './sampleSequentially.js';
import { logRatios } from './logRatios.js';
import { sampleTime } from './sampleTime.js';
import type { TimeSample } from './sampleTime.js';

/**
 * Options of an interleaved sampling run of two workloads. Times in ns unless the name says otherwise.
 *
 * @example
 * const options: InterleavedOptions = { clock: nativeClock, clockMode: 'auto', maxTimeMs: 1000, totalAlpha: 0.01, callTimeoutNs: 1e9 };
 */
export interface InterleavedOptions {
  clock: Clock;
  clockMode: ClockMode;
  /** Cap on the whole run's wall time (both warm-ups included), in ms. */
  maxTimeMs: number;
  /** Error rate spread over all looks (per side). */
  totalAlpha: number;
  /** A call whose promise has not settled this long after its batch began is abandoned. */
  callTimeoutNs: number;
  /** Seed of the order within each pair (default fixed, so a run's order is reproducible). */
  seed?: number;
  /** The host's load per core when sampling starts (see `SamplingOptions.hostLoadPerCore`). */
  hostLoadPerCore?: number;
}

/**
 * One pair of an interleaved run: a batch of the received workload and a batch of the reference, of equal size,
 * timed back to back in the order given by `receivedFirst`.
 *
 * @example
 * const speedup = pair.reference.cpuNs / pair.received.cpuNs;
 */
export interface TimedPair {
  received: TimeSample;
  reference: TimeSample;
  receivedFirst: boolean;
}

/**
 * Everything an interleaved run produced: the warm-up runs of both workloads, the timed pairs, and how it ended.
 *
 * @example
 * const ratios = run.pairs.map(p => p.reference.cpuNs / p.received.cpuNs);
 */
export interface InterleavedRun {
  /** Warm-up and calibration of each workload alone (its samples are not judged). */
  warmup: { received: SamplingRun; reference: SamplingRun };
  pairs: TimedPair[];
  /** Calls per batch, the same for both workloads: the larger of their calibrated sizes. */
  batchSize: number;
  /** The clock whose per-call times are compared: wall time if either workload is async under `'auto'`. */
  clock: 'cpu' | 'wall';
  /** Whether either workload returned promises. */
  async: boolean;
  /** Wall time of both warm-ups. */
  warmupNs: number;
  /** Wall time of the whole run. */
  elapsedNs: number;
  /**
   * Why sampling ended: a look reached a decision, the time cap, a call of either workload outlasting its share of
   * the cap during warm-up (then the single pair is their first calls), a hung call, or a CPU clock that resolved
   * none of the batches (then no pair carries a ratio, and the run is never a pass).
   */
  stoppedBy: 'decision' | 'time-cap' | 'single-call' | 'call-timeout' | 'unmeasured';
  /** Pairs left out of the ratios because a batch read as zero CPU time. */
  unmeasured: number;
  /** Which workload hung, when `stoppedBy` is `'call-timeout'`. */
  timedOut?: 'received' | 'reference';
  looks: number;
}

/** Share of the cap that each workload's warm-up (calibration, warm-up and 8 untimed samples) may take. */
const warmupShare = 0.25;
/** A backstop for clocks that do not advance (a broken fake). */
const maxPairs = 100_000;

/**
 * Measures two workloads interleaved: each is calibrated and warmed up alone, then batches of the same size are
 * timed in pairs, the order within each pair drawn at random (seeded), so that drift, load and gc fall on both
 * alike. Looks at the per-pair log ratios ln(reference ÷ received) on the schedule of `sequentialLook` and stops
 * when `decide` returns true, or before the next pair would cross the cap.
 *
 * @example
 * const run = await sampleInterleaved(a, b, options, (sortedLogRatios, alpha) => lowerBound(sortedLogRatios, alpha) > 0);
 */
export async function sampleInterleaved(
  received: Workload,
  reference: Workload,
  options: InterleavedOptions,
  decide: (sortedLogRatios: readonly number[], alpha: number) => boolean,
): Promise<InterleavedRun> {
  const { clock, callTimeoutNs } = options;
  const capNs = options.maxTimeMs * 1e6;
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  const warmupOptions = {
    clock,
    clockMode: options.clockMode,
    maxTimeMs: options.maxTimeMs * warmupShare,
    totalAlpha: options.totalAlpha,
    callTimeoutNs,
    ...(options.hostLoadPerCore === undefined ? {} : { hostLoadPerCore: options.hostLoadPerCore }),
  };
  // Deciding at the first look ends each warm-up run right after its calibration and warm-up.
  const receivedWarmup = await sampleSequentially(received, warmupOptions, () => true);
  const referenceWarmup = receivedWarmup.stoppedBy === 'call-timeout' ? receivedWarmup : await sampleSequentially(reference, warmupOptions, () => true);
  const warmup = { received: receivedWarmup, reference: referenceWarmup };
  const warmupNs = elapsed();
  const isAsync = receivedWarmup.async || referenceWarmup.async;
  const which: 'cpu' | 'wall' = receivedWarmup.clock === 'wall' || referenceWarmup.clock === 'wall' ? 'wall' : 'cpu';
  const batchSize = Math.max(receivedWarmup.batchSize, referenceWarmup.batchSize);
  const pairs: TimedPair[] = [];
  const perCall = (s: TimeSample): number => (which === 'cpu' ? s.cpuNs : s.wallNs) / s.calls;
  const finish = (stoppedBy: InterleavedRun['stoppedBy'], looks: number, extra: Partial<InterleavedRun> = {}): InterleavedRun => {
    const unmeasured = pairs.length - logRatios(pairs, perCall).length;
    const nothingResolved = pairs.length > 0 && unmeasured === pairs.length && stoppedBy !== 'call-timeout';
    return {
      warmup,
      pairs,
      batchSize,
      clock: which,
      async: isAsync,
      warmupNs,
      elapsedNs: elapsed(),
      stoppedBy: nothingResolved ? 'unmeasured' : stoppedBy,
      unmeasured,
      looks,
      ...extra,
    };
  };

  if (receivedWarmup.stoppedBy === 'call-timeout') return finish('call-timeout', 0, { timedOut: 'received' });
  if (referenceWarmup.stoppedBy === 'call-timeout') return finish('call-timeout', 0, { timedOut: 'reference' });
  if (receivedWarmup.stoppedBy === 'unmeasured' || referenceWarmup.stoppedBy === 'unmeasured') return finish('unmeasured', 0);
  if (receivedWarmup.stoppedBy === 'single-call' || referenceWarmup.stoppedBy === 'single-call') {
    const [receivedFirstCall] = receivedWarmup.samples;
    const [referenceFirstCall] = referenceWarmup.samples;
    if (receivedFirstCall !== undefined && referenceFirstCall !== undefined) {
      pairs.push({ received: receivedFirstCall, reference: referenceFirstCall, receivedFirst: true });
    }
    return finish('single-call', 0, { batchSize: 1 });
  }

  const random = seededRandom(options.seed ?? 0x5eed);
  let lastPairNs = 0;
  let lookNumber = 1;
  let look = sequentialLook(lookNumber, options.totalAlpha);
  while (pairs.length < maxPairs) {
    if (pairs.length > 0 && elapsed() + lastPairNs > capNs) return finish('time-cap', lookNumber - 1);
    const pairStart = clock.wallNs();
    const receivedFirst = random() < 0.5;
    const first = await sampleTime(receivedFirst ? received : reference, batchSize, clock, callTimeoutNs);
    if (first.timedOut) return finish('call-timeout', lookNumber - 1, { timedOut: receivedFirst ? 'received' : 'reference' });
    const second = await sampleTime(receivedFirst ? reference : received, batchSize, clock, callTimeoutNs);
    if (second.timedOut) return finish('call-timeout', lookNumber - 1, { timedOut: receivedFirst ? 'reference' : 'received' });
    pairs.push(receivedFirst ? { received: first, reference: second, receivedFirst } : { received: second, reference: first, receivedFirst });
    lastPairNs = clock.wallNs() - pairStart;
    if (pairs.length < look.samples) continue;
    const sorted = logRatios(pairs, perCall).sort((a, b) => a - b);
    if (sorted.length > 0 && decide(sorted, look.alpha)) return finish('decision', lookNumber);
    lookNumber += 1;
    look = sequentialLook(lookNumber, options.totalAlpha);
  }
  return finish('time-cap', lookNumber - 1);
}
