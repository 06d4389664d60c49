import { isThenable } from '../engine/workload.js';
import { countMetric } from '../engine/growth/metrics/ScaleMetric.js';
import type { ScaleMetric } from '../engine/growth/metrics/ScaleMetric.js';
import { measureQueries } from './measureQueries.js';

/**
 * Database statements per call, for `toScaleAtMost('1', { metric: 'queries' })` — the scale form of the N+1
 * guard: each call runs inside its own query measurement on an input prepared outside it. Counts are exact, so
 * the tolerance on the excess slope is 0.05, as for other exact counts.
 *
 * @example
 * await expect(sized(n => seedUsers(n), () => repo.listUsersWithTeams())).toScaleAtMost('1', { metric: 'queries' });
 */
export const queriesMetric: ScaleMetric = countMetric('queries', 'queries', async (workload, { clock, calls, timeoutNs }) => {
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  let queries = 0;
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
    if (log.timedOut) return { perCall: queries / Math.max(1, i), calls: i + 1, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: true };
    queries += log.queries.length;
  }
  return { perCall: queries / calls, calls, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: false };
});
