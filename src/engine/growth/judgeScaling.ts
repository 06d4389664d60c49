import { seededRandom } from '../stats/seededRandom.js';
import { quantile } from '../stats/summarize.js';
import { describeContention, hostLoadPerCore } from '../time/judgeTime.js';
import { nativeClock } from '../time/nativeClock.js';
import type { Clock } from '../time/nativeClock.js';
import type { Workload } from '../workload.js';
import type { ComplexityName } from './complexityClasses.js';
import type { ComplexityPoint } from './fitComplexity.js';
import { judgeGrowth } from './judgeGrowth.js';
import type { GrowthJudgement } from './judgeGrowth.js';
import { measureScaling } from './measureScaling.js';
import type { ScalingMeasurement } from './measureScaling.js';
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
  /** Automatic sizes grow until one call lasts this long, in ns (default 4 ms). */
  targetCallNs?: number;
  /** Automatic sizes stop at this n (default 2^20). */
  maxSize?: number;
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
   * noise; or the time cap left sizes with too few samples for an interval (then the point estimate decides).
   */
  reason?: 'too-few-sizes' | 'timer-noise' | 'few-samples';
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
    ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
  });

  const minSamples = metric.deterministic ? 1 : 3;
  const excluded: ScalingVerdict['excluded'] = [];
  const points: ComplexityPoint[] = [];
  const sparse: ComplexityPoint[] = [];
  for (const size of measurement.sizes) {
    const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
    if (size.values.length === 0) excluded.push({ n: size.n, reason: 'few-samples' });
    else if (!metric.deterministic && median(size.sampleWallNs) < noiseFloorNs) excluded.push({ n: size.n, reason: 'timer-noise' });
    else if (!(median(size.values) > 0) || size.values.some((v) => !(v > 0))) excluded.push({ n: size.n, reason: 'zero' });
    else (size.values.length < minSamples ? sparse : points).push({ n: size.n, values: size.values });
  }
  const growth = { toleranceSlope: metric.toleranceSlope, random };
  let judgement = judgeGrowth(points, bound, growth);
  let fewSamples = false;
  if (judgement.verdict === 'inconclusive' && sparse.length > 0) {
    // The cap cut sampling short: sizes with 1–2 samples give no interval but still a point estimate, which is
    // better evidence than none (a 2^n function on a busy machine must not pass for lack of samples).
    const partial = judgeGrowth([...points, ...sparse], bound, growth);
    const pass = partial.excess === undefined || partial.excess.estimate <= metric.toleranceSlope;
    judgement = { ...partial, verdict: 'inconclusive', pass, reason: 'too-few-sizes' };
    fewSamples = true;
  } else {
    for (const point of sparse) excluded.push({ n: point.n, reason: 'few-samples' });
  }

  const totalCpu = measurement.sizes.reduce((sum, s) => sum + s.sampleCpuNs.reduce((a, b) => a + b, 0), 0);
  const totalWall = measurement.sizes.reduce((sum, s) => sum + s.sampleWallNs.reduce((a, b) => a + b, 0), 0);
  const cpuWallRatio = totalWall > 0 ? totalCpu / totalWall : 1;
  const loadPerCore = (options.loadPerCore ?? hostLoadPerCore)();
  const result: ScalingVerdict = { verdict: judgement.verdict, pass: judgement.pass, judgement, measurement, excluded, cpuWallRatio, loadPerCore };
  if (judgement.verdict === 'inconclusive') {
    result.reason = fewSamples ? 'few-samples' : excluded.some((e) => e.reason === 'timer-noise') ? 'timer-noise' : 'too-few-sizes';
  }
  const contention = describeContention(measurement.async, measurement.clock, cpuWallRatio, loadPerCore);
  if (contention !== undefined) result.contention = contention;
  return result;
}
