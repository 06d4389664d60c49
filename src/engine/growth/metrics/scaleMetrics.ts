import { allocationsMetric } from './allocationsMetric.js';
import { blockingMetric } from './blockingMetric.js';
import { opsMetric } from './opsMetric.js';
import type { ScaleMetric, ScaleMetricName } from './ScaleMetric.js';
import { timeMetric } from './timeMetric.js';

/**
 * The metrics of the engine layer that `toScaleAtMost` can judge, by name. `'queries'` and `'rows'` are added by the matcher:
 * the query spy sits above the engine.
 *
 * @example
 * const metric = scaleMetrics['ops']; // opsMetric
 */
export const scaleMetrics: { readonly [K in Exclude<ScaleMetricName, 'queries' | 'rows'>]: ScaleMetric } = {
  time: timeMetric,
  ops: opsMetric,
  allocations: allocationsMetric,
  blocking: blockingMetric,
};
