import type { Clock } from '../time/nativeClock.js';
import { sampleTime } from '../time/sampleTime.js';
import { isThenable } from '../workload.js';
import type { Workload } from '../workload.js';
import type { ScaleMetric, ScaleMetricName } from './metrics/ScaleMetric.js';

/**
 * Options of `measureScaling`. Durations in the unit their names say.
 *
 * @example
 * await measureScaling(at, { metric: timeMetric, samples: 9, maxTimeMs: 2000, clock: nativeClock, random: seededRandom(1) });
 */
export interface ScalingOptions {
  metric: ScaleMetric;
  /** Sizes to measure (ascending positive integers); chosen automatically when absent. */
  sizes?: readonly number[];
  /** Samples per size. */
  samples: number;
  /** Cap on the whole sweep's wall time, setup included. */
  maxTimeMs: number;
  clock: Clock;
  /** Uniform numbers in [0, 1) that shuffle the order of sizes in each round. */
  random: () => number;
  /** Automatic sizes grow until one call does this much work (default 4 ms). */
  targetCallNs?: number;
  /** Automatic sizes stop here (default 2^20). */
  maxSize?: number;
  /**
   * Asked after every complete round from the 4th on: true ends sampling there, the verdict being clear already
   * (growth far beyond the bound needs no more samples to be told).
   */
  decided?: (sizes: readonly SizeMeasurement[]) => boolean;
}

/**
 * Everything measured at one input size n: the metric per call of every sample (in the metric's unit), and what
 * the size costs (ns, from the probe calls that chose it).
 *
 * @example
 * const medianNs = quantile([...size.values].sort((a, b) => a - b), 0.5);
 */
export interface SizeMeasurement {
  n: number;
  /** The metric per call, one value per sample, in sampling order (warm-up excluded). */
  values: number[];
  /** Calls per sample (batched for time when one call is too short to time alone). */
  calls: number;
  /** Wall and CPU time of each sample's calls together, in ns (setup excluded). */
  sampleWallNs: number[];
  sampleCpuNs: number[];
  /** Garbage-collection pauses of each sample (ns of wall time; 0 where the metric does not count them). */
  sampleGcNs: number[];
  /** One call's wall time and one setup's wall time, in ns, as probed. */
  callNs: number;
  /** One call's work as probed, in ns: the smaller of CPU and wall time for sync work (wall time under 50 µs), wall time for async. */
  workNs: number;
  setupNs: number;
  /** The kind of input setup(n) returned (e.g. `Array`, `Int32Array`, `string`), when there was a setup. */
  inputType?: string;
}

/**
 * The result of a size sweep: the sizes measured (ascending) and how the sweep went. Times in ns.
 *
 * @example
 * const { sizes, sizing, elapsedNs } = await measureScaling(n => toWorkload(workload, n), options);
 */
export interface ScalingMeasurement {
  metric: ScaleMetricName;
  unit: string;
  sizes: SizeMeasurement[];
  /** Whether calls returned promises (then time is judged on the wall clock). */
  async: boolean;
  clock: 'cpu' | 'wall';
  /**
   * Why the sizes ended where they did: given by the user; one call reached the target duration; the size cap;
   * calls still too short past n = 1 024 for memory effects not to dominate;
   * setup too costly to batch further; the next size predicted (or measured) to outlast the remaining budget;
   * no room left in the time cap for the next size and the sampling; a pending call abandoned.
   */
  sizing: 'given' | 'target' | 'max-size' | 'short-calls' | 'setup-cost' | 'over-budget' | 'time-cap' | 'call-timeout';
  /** The size that stopped the sweep for its cost, with its predicted or measured call time. */
  stoppedAt?: { n: number; callNs: number; predicted: boolean };
  /** Why sampling ended: every size got its samples, the verdict was clear early (`decided`), the time cap, or a pending call abandoned. */
  sampling: 'complete' | 'decided' | 'time-cap' | 'call-timeout';
  /** Automatic sizes grew until one call took this long (ns). */
  targetCallNs: number;
  /** Samples asked for per size. */
  samplesPerSize: number;
  elapsedNs: number;
}

/** Automatic sizes start at 1 and grow by √2 (rounded, always by at least 1): fine enough steps for 2^n. */
const growth = Math.SQRT2;
/** Of the automatic sizes, keep those within this factor of the largest… */
const keptRange = 128;
/** …and at most this many, thinned to every other one from the largest down. */
const maxKeptSizes = 10;
/** Each time sample lasts at least this long (batched), 100× the CPU clock's 1 µs unit, and at least 100 of its steps. */
const minSampleNs = 100_000;
const stepsPerSample = 100;
const maxBatch = 10_000;
/**
 * Past this size, automatic sizes keep growing only while one call takes at least `shortCallNs` of work: in a
 * shorter call, the cache and TLB misses of a working set that outgrows L1/L2 (~100 ns each on shared CI
 * machines a Map lookup took 21 ns at n = 264, 28 ns at 1 056, 76 ns at 4 221 and up to 500 ns at 65 536) would
 * make up more of the time than the algorithm does. Up to 1 024 elements most inputs fit in L1. From 20 µs
 * on, a few misses move the time by under 5%.
 */
const shortCallMaxSize = 1024;
const shortCallNs = 20_000;
/** The target ends automatic sizes only after this many: the first calls of a function can be 10–60× slower (JIT). */
const minProbedSizes = 8;
/** Below this (and below 50 of the CPU clock's steps), wall time is the better estimate of one call's work. */
const cpuResolvedNs = 50_000;
const cpuResolvedSteps = 50;
/** Local exponents over consecutive doublings of n that differ by more than this mean the growth is not steady yet… */
const unsettledExponent = 0.5;
/** …and sizes then grow on until one call takes this many times the target. */
const maxExtension = 3;
/**
 * Choosing sizes goes on while the next size's probe and the planned sampling of the sizes kept with it fit in
 * the cap, and never past this share of it (sampling that load stretches beyond the plan ends at the cap with
 * fewer samples).
 */
const maxProbingShare = 0.6;
/** Rounds every size gets before `decided` may end sampling: the bootstrap needs a few samples per size. */
const decideFromRound = 4;
/** A local log-log slope above this is steeper than n^3 with room to spare: treated as exponential growth. */
const superPolynomialExponent = 4;

/**
 * Measures a metric at several input sizes: chooses sizes (geometric growth from n = 1 until one call takes
 * `targetCallNs`, the setup gets too costly, or the next call is predicted to outlast the budget) unless they
 * are given, then takes one warm-up round and `samples` rounds, each visiting every size once in a fresh random
 * order, so that drift and competing load spread over all sizes alike. A call that outlasts what is left of the
 * cap stops the sweep; the sizes measured so far remain.
 *
 * @param workloadAt - the workload at input size n (its `prepare`, if any, builds each call's input untimed).
 * @param options - metric, sizes, samples, cap and the injected clock and random source.
 * @example
 * const measurement = await measureScaling(n => toWorkload(sized(shuffled, mySort), n), { metric: timeMetric, samples: 9, maxTimeMs: 2000, clock: nativeClock, random: seededRandom(1) });
 */
export async function measureScaling(workloadAt: (n: number) => Workload, options: ScalingOptions): Promise<ScalingMeasurement> {
  const { clock, metric, samples, random } = options;
  const capNs = options.maxTimeMs * 1e6;
  // A coarse CPU clock (a 4 ms thread-clock tick) needs longer samples, and shorter work is read on the wall clock.
  const stepNs = clock.cpuResolutionNs ?? 1000;
  const clockSteps = { minSampleNs: Math.max(minSampleNs, stepsPerSample * stepNs), cpuResolvedNs: Math.max(cpuResolvedNs, cpuResolvedSteps * stepNs) };
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  // One sample at any size may cost this much wall time, setup included, so that all rounds fit in the cap: the
  // largest size's rounds cost about twice its own (the smaller sizes add a geometric series), probing about as
  // much again. 50 ms at the default 2 s and 9 samples.
  const perSampleNs = capNs / ((samples + 1) * 4);
  // A third of a sample's share of the cap (16.7 ms at the default 2 s and 9 samples), not a fixed few ms: real bugs
  // often show their growth only where one call takes tens of milliseconds (a quadratic with a small constant, an
  // indexOf-as-a-set whose fix is slower below a few thousand items), and memory steps (a cache or hash table
  // outgrown) need sizes well above them to be told from a slope.
  const targetCallNs = Math.min(options.targetCallNs ?? perSampleNs / maxExtension, perSampleNs);
  const maxSize = options.maxSize ?? 2 ** 20;

  let isAsync = false;
  let sizing: ScalingMeasurement['sizing'] = options.sizes === undefined ? 'max-size' : 'given';
  let stoppedAt: ScalingMeasurement['stoppedAt'];
  const probed: SizeMeasurement[] = [];
  const workloads = new Map<number, Workload>();

  // What one call may cost now: what is left of the cap, shared by its probe, warm-up and samples.
  const allowanceNs = (): number => (capNs - elapsed()) / (samples + 3);

  for (const n of options.sizes ?? automaticSizes(maxSize)) {
    const allowedNs = allowanceNs();
    let predictedNs = extrapolate(probed, n);
    const last = probed.at(-1);
    if (predictedNs > allowedNs && last !== undefined) {
      // One slow probe must not end the sizes: both probe calls at n = 5 969 once took 5.7 ms where the size's
      // median was 0.56 ms (a gc or a recompile), which extrapolated to 225 ms and stopped the sweep after 163 ms of a
      // 2 s cap. The last size is probed once more (a call the budget already allowed) before the prediction stands.
      const again = await probeSize(workloads.get(last.n) as Workload, clock, capNs - elapsed(), targetCallNs, clockSteps.cpuResolvedNs);
      if (!again.timedOut) {
        last.callNs = Math.min(last.callNs, again.callNs);
        last.workNs = Math.min(last.workNs, again.workNs);
        predictedNs = extrapolate(probed, n);
      }
    }
    if (predictedNs > allowanceNs()) {
      sizing = 'over-budget';
      stoppedAt = { n, callNs: predictedNs, predicted: true };
      break;
    }
    const probeStartNs = elapsed();
    const typed = recordingInputType(workloadAt(n));
    const probe = await probeSize(typed.workload, clock, capNs - elapsed(), targetCallNs, clockSteps.cpuResolvedNs);
    isAsync ||= probe.awaited;
    if (probe.timedOut || probe.callNs > allowedNs) {
      sizing = probe.timedOut ? 'call-timeout' : 'over-budget';
      stoppedAt = { n, callNs: probe.callNs, predicted: false };
      break;
    }
    const inputType = typed.inputType();
    probed.push({ n, values: [], calls: 1, sampleWallNs: [], sampleCpuNs: [], sampleGcNs: [], callNs: probe.callNs, workNs: probe.workNs, setupNs: probe.setupNs, ...(inputType === undefined ? {} : { inputType }) });
    workloads.set(n, typed.workload);
    if (options.sizes !== undefined) continue;
    // Planned from what the sizes cost here, not a fixed share: inputs built afresh at every size (a 2M-element
    // array took 100 ms) used up a 35% share while sampling would have needed a fifth of the cap.
    // A next size too costly by itself is left to the check above, which names it ('over-budget').
    const plan = nextSizePlan(probed, elapsed() - probeStartNs, samples, perSampleNs, clockSteps.minSampleNs);
    const nextFitsAlone = plan.nextCallNs <= allowanceNs();
    const probingTimeUsed = elapsed() > maxProbingShare * capNs || (nextFitsAlone && elapsed() + plan.totalNs > capNs);
    const stop = automaticStop(probed, targetCallNs, perSampleNs, probingTimeUsed, clockSteps.minSampleNs);
    if (stop !== undefined) {
      sizing = stop;
      break;
    }
  }

  const sizes = options.sizes === undefined ? keepForSampling(probed) : probed;
  // Deterministic metrics are batched too: a workload with random inputs (a random key, a random array) varies
  // from call to call, and a sample's mean over many calls is what average-case complexity is about.
  for (const size of sizes) size.calls = batchFor(size.workNs, size.setupNs + size.callNs, perSampleNs, clockSteps.minSampleNs);
  // A CPU clock too coarse for 20 samples of 100 steps within the cap cannot judge; wall time then does.
  const judgeOn = isAsync || stepsPerSample * stepNs * 20 > capNs ? 'wall' : 'cpu';
  let sampling: ScalingMeasurement['sampling'] = 'complete';
  const lastWallPerCallNs = new Map<number, number>();
  // Round 0 warms every size up and is discarded, unless the metric's samples warm up by themselves.
  rounds: for (let round = metric.warmsUp === true ? 1 : 0; round <= samples; round++) {
    for (const size of shuffled(sizes, random)) {
      const remainingNs = capNs - elapsed();
      // The latest sample's wall time per call, not the probe's: under load, calls stretch as the sweep goes on.
      const wallPerCallNs = Math.max(size.callNs, lastWallPerCallNs.get(size.n) ?? 0);
      if (size.calls * (size.setupNs + wallPerCallNs) > remainingNs) {
        sampling = 'time-cap';
        break rounds;
      }
      const workload = workloads.get(size.n) as Workload;
      const sample = await metric.sample(workload, { clock, calls: size.calls, timeoutNs: remainingNs, judgeOn });
      if (sample.timedOut) {
        sampling = 'call-timeout';
        break rounds;
      }
      lastWallPerCallNs.set(size.n, sample.wallNs / sample.calls);
      // The probes' calls were cold, and one sample can meet a gc: every sample may grow the batch (never shrink
      // it), so a size's samples reach the minimum duration from the next round on.
      const calibrated = batchFor(workOf(sample.cpuNs, sample.wallNs, isAsync, clockSteps.cpuResolvedNs) / sample.calls, size.setupNs + sample.wallNs / sample.calls, perSampleNs, clockSteps.minSampleNs);
      size.calls = Math.max(size.calls, calibrated);
      // Round 0 warms every size up (JIT tiers, caches) and is discarded.
      if (round === 0) continue;
      size.values.push(sample.perCall);
      size.sampleWallNs.push(sample.wallNs);
      size.sampleCpuNs.push(sample.cpuNs);
      size.sampleGcNs.push(sample.gcNs ?? 0);
    }
    if (round >= decideFromRound && round < samples && options.decided?.(sizes) === true) {
      sampling = 'decided';
      break;
    }
  }

  const result: ScalingMeasurement = {
    metric: metric.name,
    unit: metric.unit,
    sizes,
    async: isAsync,
    clock: judgeOn,
    sizing,
    sampling,
    targetCallNs,
    samplesPerSize: samples,
    elapsedNs: elapsed(),
  };
  if (stoppedAt !== undefined) result.stoppedAt = stoppedAt;
  return result;
}

/** Why automatic sizes end at the size just probed, or undefined to go on growing. */
function automaticStop(probed: readonly SizeMeasurement[], targetCallNs: number, perSampleNs: number, probingTimeUsed: boolean, sampleNs: number): ScalingMeasurement['sizing'] | undefined {
  const last = probed.at(-1);
  if (last === undefined) return undefined;
  if (last.workNs >= targetCallNs && probed.length >= minProbedSizes && (last.workNs >= maxExtension * targetCallNs || settled(probed))) return 'target';
  if (last.n >= shortCallMaxSize && last.workNs < shortCallNs) return 'short-calls';
  const wallPerCallNs = last.setupNs + last.callNs;
  if (batchFor(last.workNs, wallPerCallNs, perSampleNs, sampleNs) * wallPerCallNs > perSampleNs) return 'setup-cost';
  return probingTimeUsed ? 'time-cap' : undefined;
}

/**
 * Whether the growth at the top of the probed sizes looks steady: the local exponents over the last doubling of n
 * and the doubling before agree within `unsettledExponent`. A step just crossed (a cache or hash table outgrown)
 * or growth that starts only now makes them disagree; then the sizes go on growing (up to `maxExtension` times the
 * target) so that the judgement has sizes above the change.
 */
function settled(probed: readonly SizeMeasurement[]): boolean {
  const last = probed.at(-1) as SizeMeasurement;
  const at = (n: number): SizeMeasurement | undefined => probed.findLast((p) => p.n <= n);
  const mid = at(last.n / 2);
  const low = at(last.n / 4);
  if (mid === undefined || low === undefined || mid === low || mid === last) return true;
  const exponent = (a: SizeMeasurement, b: SizeMeasurement): number => Math.log(b.workNs / a.workNs) / Math.log(b.n / a.n);
  return Math.abs(exponent(mid, last) - exponent(low, mid)) <= unsettledExponent;
}

/**
 * Wall time still needed if the sizes grow once more: the next size's probe (the last probe's wall time, grown
 * like n or like the extrapolated call, whichever grows more: a first setup may build what later ones reuse) and
 * all rounds (warm-up included) over the sizes that would then be kept, at the probed costs.
 */
function nextSizePlan(probed: readonly SizeMeasurement[], lastProbeNs: number, samples: number, perSampleNs: number, sampleNs: number): { nextCallNs: number; totalNs: number } {
  const last = probed.at(-1) as SizeMeasurement;
  const n = Math.max(last.n + 1, Math.round(last.n * growth));
  const callNs = extrapolate(probed, n);
  const next: SizeMeasurement = { ...last, n, callNs, workNs: last.workNs * (callNs / Math.max(last.callNs, 1)), setupNs: last.setupNs * (n / last.n) };
  const roundNs = keepForSampling([...probed, next]).reduce((sum, s) => sum + batchFor(s.workNs, s.setupNs + s.callNs, perSampleNs, sampleNs) * (s.setupNs + s.callNs), 0);
  const probeNs = lastProbeNs * Math.max(n / last.n, callNs / Math.max(last.callNs, 1));
  return { nextCallNs: callNs, totalNs: probeNs + (samples + 1) * roundNs };
}

function* automaticSizes(maxSize: number): Generator<number> {
  for (let n = 1; n <= maxSize; n = Math.max(n + 1, Math.round(n * growth))) yield n;
}

/**
 * Calls per time sample: enough work (ns on the judging clock) to last sampleNs, but never so many that the
 * calls with their setups (wall ns each) overrun a sample's share of the cap.
 */
function batchFor(workNs: number, wallPerCallNs: number, perSampleNs: number, sampleNs: number): number {
  const wanted = Math.ceil((1.25 * sampleNs) / Math.max(workNs, 1));
  const affordable = Math.floor(perSampleNs / Math.max(wallPerCallNs, 1));
  return Math.max(1, Math.min(wanted, affordable, maxBatch));
}

/**
 * One call's expected wall time at n: the last probe's wall time, grown as the work (on the judging clock, which
 * competing load barely moves) grew between the last two probes, by a power law; or, for a step steeper than
 * any polynomial class, by the larger of that and an exponential extrapolation, because a 2^n function's
 * log-log slope keeps rising and the power law alone would start a call that never ends in time.
 */
function extrapolate(probed: readonly SizeMeasurement[], n: number): number {
  const last = probed.at(-1);
  const before = probed.at(-2);
  if (last === undefined || before === undefined) return last?.callNs ?? 0;
  const ratio = last.workNs / Math.max(before.workNs, 1);
  if (!(ratio > 1)) return last.callNs;
  const localExponent = Math.log(ratio) / Math.log(last.n / before.n);
  const power = (n / last.n) ** localExponent;
  const exponential = localExponent > superPolynomialExponent ? ratio ** ((n - last.n) / (last.n - before.n)) : 0;
  return last.callNs * Math.max(power, exponential);
}

/**
 * Two single calls, and the faster one counts: the first may still be cold or meet a gc, and one slow call must
 * not end the sizes early. A first call far beyond the target is not repeated.
 */
async function probeSize(workload: Workload, clock: Clock, timeoutNs: number, targetCallNs: number, resolvedNs: number) {
  let callNs = Infinity;
  let workNs = Infinity;
  let setupNs = Infinity;
  let awaited = false;
  for (let i = 0; i < 2; i++) {
    const before = clock.wallNs();
    const sample = await sampleTime(workload, 1, clock, timeoutNs - (i > 0 ? callNs + setupNs : 0));
    // The faster setup too: a first setup may build something it caches for later ones.
    setupNs = Math.min(setupNs, Math.max(0, clock.wallNs() - before - sample.wallNs));
    awaited ||= sample.awaited;
    if (sample.timedOut) return { callNs: sample.wallNs, workNs: sample.wallNs, setupNs, awaited, timedOut: true };
    callNs = Math.min(callNs, sample.wallNs);
    workNs = Math.min(workNs, workOf(sample.cpuNs, sample.wallNs, awaited, resolvedNs));
    if (workNs >= 8 * targetCallNs) break;
  }
  return { callNs, workNs, setupNs, awaited, timedOut: false };
}

/**
 * The work in a timed stretch of this thread: for synchronous work the smaller of CPU and wall time, since
 * competing processes inflate only wall time, and the process-wide CPU clock also counts V8's gc and compiler
 * threads (CPU/wall reached 1.6 in the bench); wall time when the CPU clock's resolution is too coarse or the
 * work is async.
 */
function workOf(cpuNs: number, wallNs: number, isAsync: boolean, resolvedNs: number): number {
  return isAsync || cpuNs < resolvedNs ? wallNs : Math.min(cpuNs, wallNs);
}

/** Wraps a workload so that the kind of the first input its setup builds is recorded. */
function recordingInputType(workload: Workload): { workload: Workload; inputType: () => string | undefined } {
  const { prepare } = workload;
  if (prepare === undefined) return { workload, inputType: () => undefined };
  let inputType: string | undefined;
  const record = (input: unknown): unknown => {
    inputType ??= describeKind(input);
    return input;
  };
  return {
    workload: { ...workload, prepare: () => {
      const input = prepare();
      return isThenable(input) ? Promise.resolve(input).then(record) : record(input);
    } },
    inputType: () => inputType,
  };
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name || 'Object';
}

function keepForSampling(probed: readonly SizeMeasurement[]): SizeMeasurement[] {
  const largest = probed.at(-1)?.n ?? 1;
  const inRange = probed.filter((p) => p.n * keptRange >= largest).reverse();
  const thinned = inRange.length > maxKeptSizes ? inRange.filter((_, i) => i % 2 === 0) : inRange;
  return thinned.slice(0, maxKeptSizes).reverse();
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
