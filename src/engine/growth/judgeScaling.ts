import { seededRandom } from '../stats/seededRandom.js';
import { median } from '../stats/summarize.js';
import { describeContention, hostLoadPerCore } from '../time/judgeTime.js';
import { nativeClock } from '../time/nativeClock.js';
import type { Clock } from '../time/nativeClock.js';
import type { Workload } from '../workload.js';
import { complexityClasses } from './complexityClasses.js';
import type { ComplexityName } from './complexityClasses.js';
import { bootstrapSlopes } from './fitComplexity.js';
import type { ComplexityPoint } from './fitComplexity.js';
import { findStep } from './findStep.js';
import type { GrowthStep } from './findStep.js';
import { profileGrowth } from './profileGrowth.js';
import type { GrowthHotspot } from './profileGrowth.js';
import { judgeGrowth } from './judgeGrowth.js';
import type { GrowthJudgement } from './judgeGrowth.js';
import { measureScaling } from './measureScaling.js';
import type { ScalingMeasurement, SizeMeasurement } from './measureScaling.js';
import type { ScaleMetric } from './metrics/ScaleMetric.js';

/**
 * Options of `judgeScaling`. Durations in ms as named.
 *
 * @example
 * await judgeScaling(at, 'n', { metric: opsMetric, sizes: [1000, 2000, 4000, 8000], maxTimeMs: 2000 });
 */
export interface JudgeScalingOptions {
  metric: ScaleMetric;
  sizes?: readonly number[];
  /** Samples per size (default 9 for time, 5 for deterministic metrics). */
  samples?: number;
  /** Cap on the whole assertion (default 2000 ms). */
  maxTimeMs?: number;
  clock?: Clock;
  /** Uniform numbers in [0, 1) for the size order and the bootstrap (default: a fixed seed). */
  random?: () => number;
  loadPerCore?: () => number;
  /** Automatic sizes grow until one call lasts this long, in ns (default: a third of one sample's share of the cap, 16.7 ms at 2 s and 9 samples). */
  targetCallNs?: number;
  /** Automatic sizes stop at this n (default: the metric's `maxSize`, else 2^20). */
  maxSize?: number;
  /** Whether a time-growth failure takes CPU profiles to say where the growing time goes (default true). */
  profile?: boolean;
  /**
   * How far the default cap may stretch (ms, the whole assertion) to measure sizes past the largest when a time
   * failure rests on the top sizes alone; absent, the cap is kept to.
   */
  stretchToMs?: number;
}

/**
 * The outcome of `judgeScaling`: the verdict, the growth judgement it rests on, the sweep's measurements, the
 * sizes left out of the fit (and why), and signs of CPU contention.
 *
 * @example
 * const result = await judgeScaling(at, 'n log n', { metric: 'time' });
 * if (result.verdict === 'inconclusive') console.warn(result.reason);
 */
export interface ScalingVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  pass: boolean;
  /**
   * Why inconclusive: fewer than four usable sizes, because of the sweep itself or because sizes were below timer
   * noise; the time cap left sizes with too few samples for an interval (then the point estimate decides); no size
   * got a single sample (calls too slow for the cap, or one never settled); the 'ops' metric counted no operation
   * at any size (no countOp() call ran); a step in cost was seen with too few sizes above it to judge there; or
   * the growth over the larger sizes came from below the top sizes, which are flat (a step near the top, or
   * growth that stopped), so a failure would not be confident; or the cap ended the sizes before calls reached
   * half the target, or the sizes ended there otherwise with the excess estimate above the tolerance
   * ('short-sweep': growth that shows only at larger n was never reached). 'no-samples', 'no-ops'
   * and 'short-sweep' never pass: there is no evidence to pass on.
   */
  reason?: 'too-few-sizes' | 'timer-noise' | 'few-samples' | 'no-samples' | 'no-ops' | 'step' | 'flat-top' | 'short-sweep';
  /**
   * A one-time jump in cost per g(n) with flat cost on both sides (a cache, hash-table or gc threshold): the
   * verdict was judged on the sizes above it.
   */
  step?: GrowthStep;
  /**
   * Sizes measured after the sweep, past its largest, because a failure rested on the top one or two sizes alone
   * (3 samples each, within `stretchToMs`): what they are and what they cost (ns).
   */
  extended?: { sizes: number[]; elapsedNs: number };
  /**
   * For a time-growth failure of synchronous work: the functions whose share of the CPU time grows most between
   * the smallest and the largest size (from CPU profiles of both), and what the top one's time was spent in.
   */
  profile?: { hotspots: GrowthHotspot[]; hint?: 'regexp' | 'search' | 'copy' };
  judgement: GrowthJudgement;
  measurement: ScalingMeasurement;
  /** Sizes measured but left out of the fit: samples under 20 µs even batched, too few samples, or a metric of 0. */
  excluded: { n: number; reason: 'timer-noise' | 'few-samples' | 'zero' }[];
  /** Total CPU over total wall time of all samples. */
  cpuWallRatio: number;
  loadPerCore: number;
  contention?: string;
}

/** A batched time sample shorter than this is dominated by the clocks' resolution and read cost. */
const noiseFloorNs = 20_000;

/**
 * Measures a workload at several sizes and decides whether its metric grows at most like `bound`: the sweep of
 * `measureScaling`, then the excess-slope rule of `judgeGrowth` with the metric's tolerance, over the sizes
 * whose samples are usable. Errors thrown by the workload propagate unchanged.
 *
 * @param workloadAt - the workload at input size n.
 * @param bound - the complexity class the growth must not exceed.
 * @param options - metric, sizes, samples per size, time cap (ms) and injected collaborators.
 * @example
 * const result = await judgeScaling(n => toWorkload(sized(shuffled, a => a.sort()), n), 'n log n', { metric: timeMetric });
 * result.verdict; // 'pass' | 'fail' | 'inconclusive'
 */
export async function judgeScaling(workloadAt: (n: number) => Workload, bound: ComplexityName, options: JudgeScalingOptions): Promise<ScalingVerdict> {
  const { metric } = options;
  const random = options.random ?? seededRandom(0x5ca1e);
  const measurement = await measureScaling(workloadAt, {
    metric,
    samples: options.samples ?? metric.samplesPerSize ?? (metric.deterministic ? 5 : 9),
    maxTimeMs: options.maxTimeMs ?? 2000,
    clock: options.clock ?? nativeClock,
    random,
    ...(options.sizes === undefined ? {} : { sizes: options.sizes }),
    ...(options.targetCallNs === undefined ? {} : { targetCallNs: options.targetCallNs }),
    ...((options.maxSize ?? metric.maxSize) === undefined ? {} : { maxSize: options.maxSize ?? metric.maxSize }),
    ...(metric.deterministic ? {} : { decided: (sizes: readonly SizeMeasurement[]) => clearlyFails(sizes, bound, metric.toleranceSlope) }),
  });

  const minSamples = metric.deterministic ? 1 : 3;
  const excluded: ScalingVerdict['excluded'] = [];
  const points: ComplexityPoint[] = [];
  const sparse: ComplexityPoint[] = [];
  for (const size of measurement.sizes) {
    const reason = exclusion(size, metric.deterministic);
    if (reason !== undefined) excluded.push({ n: size.n, reason });
    else (size.values.length < minSamples ? sparse : points).push({ n: size.n, values: size.values });
  }
  const growth = { toleranceSlope: metric.toleranceSlope, random };
  let judgement = judgeGrowth(points, bound, growth);
  let fewSamples = false;
  let step: ReturnType<typeof findStep>;
  let flatTop = false;
  let extended: ScalingVerdict['extended'];
  if (judgement.verdict === 'inconclusive' && sparse.length > 0) {
    // The cap cut sampling short: sizes with 1–2 samples give no interval but still a point estimate, which is
    // better evidence than none (a 2^n function on a busy machine must not pass for lack of samples).
    const partial = judgeGrowth([...points, ...sparse], bound, growth);
    const pass = partial.excess !== undefined && partial.excess.estimate <= metric.toleranceSlope;
    judgement = { ...partial, verdict: 'inconclusive', pass, reason: 'too-few-sizes' };
    fewSamples = true;
  } else {
    for (const point of sparse) excluded.push({ n: point.n, reason: 'few-samples' });
  }
  const extendable = judgement.verdict === 'fail' && !fewSamples && metric.name === 'time' && options.sizes === undefined;
  if (extendable && concentratedAtTop(points, bound, growth)) {
    // The failure rests on the top one or two sizes alone, over flat sizes below: a jump in cost per item (a cache
    // or hash table outgrown just there) or growth that starts only there. Larger sizes tell which: flat above a
    // jump is a step (judged above it), a rise that goes on is growth, now with more evidence.
    const extension = await extendPastTop(workloadAt, points, measurement, { ...options, random, capMs: options.stretchToMs ?? options.maxTimeMs ?? 2000 });
    if (extension !== undefined) {
      extended = extension;
      judgement = judgeGrowth(points, bound, growth);
    }
  }
  if (!judgement.pass && !fewSamples && metric.name === 'time') {
    // A memory step (the working set leaving a cache, a hash table or a gc generation outgrowing its space) raises
    // the cost per item once; a slope fitted across it reads as growth. Judge above the step when both sides are flat.
    step = findStep(points, bound, metric.toleranceSlope, random);
    if (step !== undefined) judgement = step.above;
    else if (judgement.verdict === 'fail' && flatAtTop(points, bound, metric.toleranceSlope)) {
      // The excess sits below the top sizes, which are flat: a step too close to the top to judge above it, or
      // growth that stopped. Either way the data do not support a confident failure.
      judgement = { ...judgement, verdict: 'inconclusive', reason: 'too-few-sizes' };
      flatTop = true;
    }
  }

  const totalCpu = measurement.sizes.reduce((sum, s) => sum + s.sampleCpuNs.reduce((a, b) => a + b, 0), 0);
  const totalWall = measurement.sizes.reduce((sum, s) => sum + s.sampleWallNs.reduce((a, b) => a + b, 0), 0);
  const cpuWallRatio = totalWall > 0 ? totalCpu / totalWall : 1;
  const loadPerCore = (options.loadPerCore ?? hostLoadPerCore)();
  const result: ScalingVerdict = { verdict: judgement.verdict, pass: judgement.pass, judgement, measurement, excluded, cpuWallRatio, loadPerCore };
  if (step !== undefined) result.step = step;
  if (extended !== undefined) result.extended = extended;
  if (judgement.verdict === 'inconclusive') result.reason = flatTop ? 'flat-top' : inconclusiveReason(result, fewSamples, metric.name);
  if (result.reason === 'no-samples' || result.reason === 'no-ops') result.pass = false;
  const largest = measurement.sizes.at(-1);
  const shortCalls = largest !== undefined && largest.workNs < measurement.targetCallNs / shortSweepShare;
  // Sizes that ended for another reason than reaching the target (the size cap, setup cost) while the data lean
  // towards growth: the excess estimate above the tolerance (its interval still reaching down to it), or the top
  // sizes steeper than the bound. A linear term under a constant overhead reads like this at n = 2^20 with calls of
  // 1.3 ms (excess 0.28 against log n, the last doubling of n costing 1.5× more): growth that is only starting.
  const leansAbove =
    measurement.sizing !== 'given' &&
    measurement.sizing !== 'target' &&
    ((judgement.excess?.estimate ?? 0) > metric.toleranceSlope || topExcess(points, bound) > metric.toleranceSlope);
  // The smallest size's call bounds any constant overhead from above: when it is a small share of the largest
  // call, no constant hides the growth at the top, and the measured excess is the growing part's. A Set dedupe in
  // Jest (setup costly in its vm context) ended by the cap at 6.8 ms calls, 39 µs at its smallest size, with an
  // excess of 0.09 (CI −0.02–0.19): nothing was hidden there, and it had been left inconclusive.
  const overheadMayHide = !(overheadShare(points) <= maxOverheadShare);
  if (result.verdict === 'pass' && shortCalls && ((measurement.sizing === 'time-cap' && overheadMayHide) || leansAbove)) {
    // The sizes ended while calls were still short (a busy machine, or the largest automatic size): growth that
    // shows only at larger n (a linear term under a constant overhead) was never reached, so the data cannot
    // support a pass.
    result.verdict = 'inconclusive';
    result.reason = 'short-sweep';
    result.pass = false;
  }
  const contention = describeContention(measurement.async, measurement.clock, cpuWallRatio, loadPerCore);
  if (contention !== undefined) result.contention = contention;
  if (result.verdict === 'fail' && metric.name === 'time' && !measurement.async && options.profile !== false && points.length >= 2) {
    // Say where: profile one batch at the smallest and one at the largest size (≈ 20 ms of CPU each, bounded by
    // the largest call the sweep already made), and name the functions whose share of the time grows.
    const [small, large] = [points[0] as ComplexityPoint, points.at(-1) as ComplexityPoint];
    // Only within the cap: the profiles' work (≈ 40 ms and one large call) stretched by the CPU share this process
    // got. On a machine too busy for that, the message goes without the profile rather than past the cap.
    const profileWallNs = (profiledWorkNs + median(large.values)) / Math.max(cpuWallRatio, 0.05);
    // After an extension the stretched cap is the limit itself, not a base to exceed by a share: a buggy csv-parse
    // took 3.97 s when its profiles ran up to 1.25 × 3.5 s.
    const limitNs = extended === undefined ? (options.maxTimeMs ?? 2000) * 1e6 * profileCapShare : (options.stretchToMs ?? options.maxTimeMs ?? 2000) * 1e6;
    if (measurement.elapsedNs + profileWallNs <= limitNs) {
      const profile = await profileGrowth(workloadAt, small.n, large.n, { callNsSmall: median(small.values), callNsLarge: median(large.values) });
      if (profile !== undefined && profile.hotspots.length > 0) result.profile = profile;
    }
  }
  return result;
}

/**
 * Why a measured size cannot enter the fit, or undefined when it can: no sample; for time, a median sample under
 * the noise floor even batched; or a metric of 0 (a log-log fit cannot use it).
 */
function exclusion(size: SizeMeasurement, deterministic: boolean): ScalingVerdict['excluded'][number]['reason'] | undefined {
  if (size.values.length === 0) return 'few-samples';
  if (!deterministic && median(size.sampleWallNs) < noiseFloorNs) return 'timer-noise';
  if (!(median(size.values) > 0) || size.values.some((v) => !(v > 0))) return 'zero';
  return undefined;
}

function inconclusiveReason(result: ScalingVerdict, fewSamples: boolean, metric: string): NonNullable<ScalingVerdict['reason']> {
  const { measurement, excluded } = result;
  if (fewSamples) return 'few-samples';
  if (result.step !== undefined) return 'step';
  if (measurement.sizes.every((s) => s.values.length === 0)) return 'no-samples';
  if (metric === 'ops' && measurement.sizes.every((s) => s.values.every((v) => v === 0))) return 'no-ops';
  return excluded.some((e) => e.reason === 'timer-noise') ? 'timer-noise' : 'too-few-sizes';
}

/** The CPU work of the two failure profiles (ns), and the share of the cap they may end at. */
const profiledWorkNs = 40e6;
const profileCapShare = 1.25;
/** A sweep cut by the cap before its largest call reached 1/this of the target is too short to pass on. */
const shortSweepShare = 2;
/** A time-cap short sweep passes only when the smallest size's call is at most this share of the largest one's. */
const maxOverheadShare = 0.25;

/** The smallest size's median over the largest size's (by n); NaN without two sizes. */
function overheadShare(points: readonly ComplexityPoint[]): number {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first === undefined || last === undefined || first === last) return Number.NaN;
  return median(first.values) / median(last.values);
}

/** Sizes at the top over which the growth must persist for a time failure to be confident… */
const topSizes = 3;
/** …spanning about 4× in n (3.9: automatic sizes are rounded). */
const topRange = 3.9;

/** Samples per size of an extension past the top: the fewest that give a size an interval. */
const extensionSamples = 3;
/** An extension measures these multiples of the largest size (the smallest set that leaves 3 sizes spanning 4× above a jump in the last interval). */
const extensionFactors = [2, 4];

/**
 * Whether a failure rests on the top sizes alone: without the largest one, or the largest two, the rest does not
 * fail (at least 4 sizes left).
 */
function concentratedAtTop(points: readonly ComplexityPoint[], bound: ComplexityName, growth: { toleranceSlope: number; random: () => number }): boolean {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  return [1, 2].some((dropped) => sorted.length - dropped >= 4 && judgeGrowth(sorted.slice(0, -dropped), bound, growth).verdict === 'pass');
}

/**
 * Measures 2× and then 4× the largest size (3 samples each), each only when its predicted cost fits what is left
 * of `capMs`, and adds them to the points and the measurement. Returns what was added, or undefined.
 */
async function extendPastTop(
  workloadAt: (n: number) => Workload,
  points: ComplexityPoint[],
  measurement: ScalingMeasurement,
  options: JudgeScalingOptions & { random: () => number; capMs: number },
): Promise<ScalingVerdict['extended']> {
  const maxSize = options.maxSize ?? options.metric.maxSize ?? 2 ** 20;
  const added: SizeMeasurement[] = [];
  let elapsedNs = 0;
  for (const factor of extensionFactors) {
    const sorted = [...points].sort((a, b) => a.n - b.n);
    const [below, top] = sorted.slice(-2) as [ComplexityPoint, ComplexityPoint];
    const largest = measurement.sizes.find((s) => s.n === top.n) as SizeMeasurement;
    const n = (factor / (extensionFactors[added.length - 1] ?? 1)) * top.n;
    // Grown by the power the last two sizes show (at least linear): steep across a jump, so the first extension is
    // budgeted as if the jump went on, and the next from what the first one measured. A sync call cannot be
    // interrupted; a size predicted past the cap is never started.
    const exponent = Math.max(1, Math.log(median(top.values) / median(below.values)) / Math.log(top.n / below.n));
    const costNs = (extensionSamples + 3) * (largest.callNs * (n / top.n) ** exponent + largest.setupNs * (n / top.n));
    const remainingNs = options.capMs * 1e6 - measurement.elapsedNs;
    if (n > maxSize || !(costNs <= remainingNs)) break;
    const extra = await measureScaling(workloadAt, {
      metric: options.metric,
      sizes: [n],
      samples: extensionSamples,
      maxTimeMs: remainingNs / 1e6,
      clock: options.clock ?? nativeClock,
      random: options.random,
    });
    measurement.elapsedNs += extra.elapsedNs;
    elapsedNs += extra.elapsedNs;
    const size = extra.sizes[0];
    if (size === undefined || size.values.length < extensionSamples || exclusion(size, false) !== undefined) break;
    measurement.sizes.push(size);
    points.push({ n: size.n, values: size.values });
    added.push(size);
  }
  return added.length === 0 ? undefined : { sizes: added.map((s) => s.n), elapsedNs };
}

/** Growth this many tolerances beyond the bound, over the larger sizes and over the top three, ends sampling early. */
const clearTolerances = 2;

/**
 * Whether the samples so far already show growth far beyond the bound: the lower end of the excess interval and
 * the top three sizes' excess both above twice the tolerance (1.0 for a quadratic judged against n, against 0.25).
 * A failing verdict then needs no more rounds; buggy versions in the corpus used ~2/3 of their time on rounds
 * that could not change it. A look costs one bootstrap (≈ 2 ms), on its own seeded source so that looking does not
 * change the verdict's resamples.
 */
function clearlyFails(sizes: readonly SizeMeasurement[], bound: ComplexityName, toleranceSlope: number): boolean {
  const points = sizes.filter((s) => exclusion(s, false) === undefined).map((s) => ({ n: s.n, values: s.values }));
  if (points.length < 4) return false;
  const judged = judgeGrowth(points, bound, { toleranceSlope, random: seededRandom(0xdec1de) });
  return judged.verdict === 'fail' && (judged.excess?.lower ?? 0) > clearTolerances * toleranceSlope && topExcess(points, bound) > clearTolerances * toleranceSlope;
}

/** Whether the largest sizes (3, spanning ≥ 4×) show no excess over the bound by their point estimate. */
function flatAtTop(points: readonly ComplexityPoint[], bound: ComplexityName, toleranceSlope: number): boolean {
  return topExcess(points, bound) <= toleranceSlope;
}

/** The excess slope over the bound of the largest sizes (3, spanning ≥ 4×) by its point estimate; NaN with fewer. */
function topExcess(points: readonly ComplexityPoint[], bound: ComplexityName): number {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const top = sorted.slice(-topSizes);
  if (top.length < topSizes || (top.at(-1) as ComplexityPoint).n < topRange * (top[0] as ComplexityPoint).n) return Number.NaN;
  const [excess] = bootstrapSlopes(top, [complexityClasses[bound].logG], () => 0.5, 0);
  return excess?.estimate ?? Number.NaN;
}
