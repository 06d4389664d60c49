import type { MetricContext } from './MetricContext.js';
import type { MetricSample } from './MetricSample.js';
import type { ScaleMetricName } from './ScaleMetricName.js';
import type { Workload } from './Workload.js';

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
  /** Takes one sample: `context.calls` calls of `workload`, each on a freshly prepared (unmeasured) input. */
  sample(workload: Workload, context: MetricContext): Promise<MetricSample>;
}
