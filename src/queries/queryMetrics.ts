import { countMetric } from '../engine/growth/metrics/ScaleMetric.js';
import type { ScaleMetric, ScaleMetricName } from '../engine/growth/metrics/ScaleMetric.js';
import { isThenable } from '../engine/workload.js';
import { countReturnedRows } from './countReturnedRows.js';
import { measureQueries } from './measureQueries.js';
import type { QueryLog } from './measureQueries.js';

/**
 * A `toScaleAtMost` metric read from the query spy: each call runs inside its own query measurement on an input
 * prepared outside it, and `count` turns the call's log into the metric (an exact count).
 *
 * @example
 * const queriesMetric = queryLogMetric('queries', 'queries', (log) => log.queries.length);
 */
function queryLogMetric(name: ScaleMetricName, unit: string, count: (log: QueryLog) => number): ScaleMetric {
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

/**
 * Database statements per call, for `toScaleAtMost('1', { metric: 'queries' })` — the scale form of the N+1
 * guard. Counts are exact, so the tolerance on the excess slope is 0.05, as for other exact counts.
 *
 * @example
 * await expect(sized(n => seedUsers(n), () => repo.listUsersWithTeams())).toScaleAtMost('1', { metric: 'queries' });
 */
const queriesMetric: ScaleMetric = queryLogMetric('queries', 'queries', (log) => log.queries.length);

/**
 * Rows the database returned per call, for `toScaleAtMost('1', { metric: 'rows' })` — the scale form of the
 * pagination guard: over a table seeded with n rows, an unpaginated read grows like n. A statement whose rows the
 * driver does not report makes the sample an error rather than a silent 0.
 *
 * @example
 * await expect(sized(n => seedOrders(db, n), () => listOrders(db))).toScaleAtMost('1', { metric: 'rows' });
 */
const rowsMetric: ScaleMetric = queryLogMetric('rows', 'rows', (log) => {
  const { rows, unknown } = countReturnedRows(log);
  if (unknown.length > 0) {
    throw new Error(`toScaleAtMost: the driver did not report the rows of ${unknown[0]?.text ?? 'a statement'} (a mysql2 query read with .stream() or .on('result')): the 'rows' metric cannot count it`);
  }
  return rows;
});

/**
 * The `toScaleAtMost` metrics read from the query spy, by name: `'queries'` (statements per call) and `'rows'`
 * (rows returned per call). They sit above the engine's own metrics because the spy does.
 *
 * @example
 * const metric = queryMetrics.rows;
 */
export const queryMetrics: { readonly queries: ScaleMetric; readonly rows: ScaleMetric } = { queries: queriesMetric, rows: rowsMetric };
