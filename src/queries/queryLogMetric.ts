import { isThenable } from '../engine/workload.js';
import { countMetric } from '../engine/growth/metrics/ScaleMetric.js';
import type { ScaleMetric, ScaleMetricName } from '../engine/growth/metrics/ScaleMetric.js';
import { measureQueries } from './measureQueries.js';
import type { QueryLog } from './measureQueries.js';

/**
 * A `toScaleAtMost` metric read from the query spy: each call runs inside its own query measurement on an input
 * prepared outside it, and `count` turns the call's log into the metric (an exact count).
 *
 * @example
 * const queriesMetric = queryLogMetric('queries', 'queries', (log) => log.queries.length);
 */
export function queryLogMetric(name: ScaleMetricName, unit: string, count: (log: QueryLog) => number): ScaleMetric {
  return countMetric(name, unit, async (workload, { clock, calls, timeoutNs }) => {
    const wall0 = clock.wallNs();
    const cpu0 = clock.cpuNs();
    let total = 0;
    let awaited = false;
    for (let i = 0; i < calls; i++) {
      const prepared = workload.prepare?.();
      const input = isThenable(prepared) ? await prepared : prepared;
      const remainingMs = Math.max(1, (timeoutNs - (clock.wallNs() - wall0)) / 1e6);
      const log = await measureQueries(
        () => {
          const result = workload.call(input);
          awaited ||= isThenable(result);
          return result;
        },
        { maxTimeMs: remainingMs },
      );
      if (log.timedOut) return { perCall: total / Math.max(1, i), calls: i + 1, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: true };
      total += count(log);
    }
    return { perCall: total / calls, calls, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: false };
  });
}
