import type { Clock } from '../../time/nativeClock.js';
import type { Workload } from '../../workload.js';

/**
 * What `toScaleAtMost` measures per call: `'time'` (CPU time for sync work, wall time for async), `'ops'`
 * (operations counted with `countOp`), `'allocations'` (bytes allocated), `'queries'` (queries issued), `'rows'`
 * (rows the database returned), `'blocking'` (the longest blocked stretch) or `'stack'` (the deepest stack, bytes).
 *
 * @example
 * await expect(sized(n => shuffled(n), a => a.sort(countingCompare))).toScaleAtMost('n log n', { metric: 'ops' });
 */
export type ScaleMetricName = (typeof scaleMetricNames)[number];

/** Every metric `toScaleAtMost` accepts, in the order messages list them. */
export const scaleMetricNames = ['time', 'ops', 'allocations', 'queries', 'rows', 'blocking', 'stack'] as const;

/**
 * What the sweep tells a metric when it asks for one sample at one size: the clock, how many calls to take
 * (each on a fresh input), when to abandon a pending async call (ns after the sample starts), and which clock
 * judges time.
 *
 * @example
 * const sample = await timeMetric.sample(workload, { clock: nativeClock, calls: 100, timeoutNs: 1e9, judgeOn: 'cpu' });
 */
export interface MetricContext {
  clock: Clock;
  calls: number;
  timeoutNs: number;
  judgeOn: 'cpu' | 'wall';
}

/**
 * One sample of a metric at one size: the metric per call (in the metric's unit), and what the sample cost
 * (calls made, wall and CPU ns of those calls), so the sweep can keep to its time cap.
 *
 * @example
 * const { perCall, wallNs } = await opsMetric.sample(workload, context);
 */
export interface MetricSample {
  perCall: number;
  calls: number;
  wallNs: number;
  cpuNs: number;
  /** Garbage-collection pauses during the calls (ns of wall time), where the metric counts them. */
  gcNs?: number;
  /** Whether a call returned a promise (or other thenable) that was awaited. */
  awaited: boolean;
  /** Whether a pending call was abandoned at the context's timeout. */
  timedOut: boolean;
}

/**
 * A metric that `toScaleAtMost` can judge the growth of: a name, a unit, whether repeated calls give the same
 * value (then few samples and a tight tolerance suffice), the excess-slope tolerance (an exponent of n),
 * and a function that measures the metric per call at one size without measuring the workload's setup.
 *
 * @example
 * const calls: ScaleMetric = { name: 'ops', unit: 'ops', deterministic: true, toleranceSlope: 0.05, sample: async (w, c) => countOnce(w, c) };
 */
export interface ScaleMetric {
  readonly name: ScaleMetricName;
  /** `'ns'` and `'B'` are formatted as durations and byte sizes; any other unit is printed after the number. */
  readonly unit: string;
  readonly deterministic: boolean;
  readonly toleranceSlope: number;
  /** Samples per size when the user gives none (default: 5 for deterministic metrics, 9 otherwise). */
  readonly samplesPerSize?: number;
  /** Whether each sample warms the workload up itself (then the sweep skips its discarded warm-up round). */
  readonly warmsUp?: boolean;
  /** Where automatic sizes stop for this metric (default: the sweep's, 2^20): 2^23 for time, where cheap per-item work reaches calls of a few ms; the stack metric's calls overflow long before. */
  readonly maxSize?: number;
  /** Takes one sample: `context.calls` calls of `workload`, each on a freshly prepared (unmeasured) input. */
  sample(workload: Workload, context: MetricContext): Promise<MetricSample>;
}

/**
 * A metric of exact counts (operations, queries, bytes): counts separate n from n log n, so the tolerance on the
 * excess slope is 0.05.
 *
 * @example
 * const opsMetric = countMetric('ops', 'ops', async (workload, context) => sampleOps(workload, context));
 */
export function countMetric(name: ScaleMetricName, unit: string, sample: ScaleMetric['sample']): ScaleMetric {
  return { name, unit, deterministic: true, toleranceSlope: 0.05, sample };
}
