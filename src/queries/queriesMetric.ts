import type { ScaleMetric } from '../engine/growth/metrics/ScaleMetric.js';
import { queryLogMetric } from './queryLogMetric.js';

/**
 * Database statements per call, for `toScaleAtMost('1', { metric: 'queries' })` — the scale form of the N+1
 * guard. Counts are exact, so the tolerance on the excess slope is 0.05, as for other exact counts.
 *
 * @example
 * await expect(sized(n => seedUsers(n), () => repo.listUsersWithTeams())).toScaleAtMost('1', { metric: 'queries' });
 */
export const queriesMetric: ScaleMetric = queryLogMetric('queries', 'queries', (log) => log.queries.length);
