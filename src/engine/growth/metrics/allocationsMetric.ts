import { measureAllocation } from '../../heap/measureAllocation.js';
import { countMetric } from './ScaleMetric.js';
import type { MetricContext, MetricSample, ScaleMetric } from './ScaleMetric.js';
import { sized } from '../../workload.js';
import type { Workload } from '../../workload.js';

/**
 * Bytes allocated per call, for `toScaleAtMost(…, { metric: 'allocations' })`: each sample is one
 * `measureAllocation` (10 warm-up calls, then the median of 3 calls, each after a gc, with gcs during the call
 * added back and an empty function's figure subtracted), every call on a freshly prepared input that is never
 * counted. Without the warm-up calls, code compiled or flushed during a cold call made readings negative.
 * Allocation is exact and repeatable in steady state, so three samples per size suffice and the tolerance on the
 * excess slope is that of other exact counts, 0.05.
 *
 * @example
 * await expect(sized(n => rows(n), r => toCsv(r))).toScaleAtMost('n', { metric: 'allocations' });
 */
export const allocationsMetric: ScaleMetric = {
  ...countMetric('allocations', 'B', sample),
  samplesPerSize: 3,
};

async function sample(workload: Workload, { clock, timeoutNs }: MetricContext): Promise<MetricSample> {
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  const measurement = await measureAllocation(sized(() => workload.prepare?.(), (input) => workload.call(input)), {
    n: 1,
    calls: 3,
    warmupCalls: 10,
    maxTimeMs: Math.max(1, timeoutNs / 1e6),
    clock,
  });
  return {
    perCall: Math.max(0, measurement.bytesPerCall),
    calls: 1,
    wallNs: clock.wallNs() - wall0,
    cpuNs: clock.cpuNs() - cpu0,
    awaited: measurement.async,
    timedOut: false,
  };
}
