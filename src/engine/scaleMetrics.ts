import { opsMetric } from './opsMetric.js';
import type { ScaleMetric } from './ScaleMetric.js';
import type { ScaleMetricName } from './ScaleMetricName.js';
import { timeMetric } from './timeMetric.js';

/**
 * The metrics `toScaleAtMost` can judge, by name; a name without an entry is not available yet
 * (`'allocations'` and `'queries'` join when their engines land).
 *
 * @example
 * const metric = scaleMetrics['ops']; // opsMetric
 */
export const scaleMetrics: { readonly [K in ScaleMetricName]?: ScaleMetric } = {
  time: timeMetric,
  ops: opsMetric,
};
