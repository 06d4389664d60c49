import type { QueryLog } from '../queries/QueryLog.js';
import { groupByShape } from './groupByShape.js';

/**
 * The hint for an async call that spent most of its wall time waiting: what it waited on during one call, as the
 * query spy counted it (statements and requests by shape), since a CPU profile would show none of that time.
 *
 * @param cpuWallRatio - the run's CPU time over wall time (e.g. 0.10 on a `pg_sleep`).
 * @param log - one call under the query spy, or undefined when it could not be taken.
 * @example
 * waitingHint(0.1, log); // 'the call was waiting 90% of its wall time (CPU/wall 0.10): during one call it issued 3 queries …'
 */
export function waitingHint(cpuWallRatio: number, log: QueryLog | undefined): string {
  const waiting = `the call was waiting ${Math.round((1 - cpuWallRatio) * 100)}% of its wall time (CPU/wall ${cpuWallRatio.toFixed(2)}), which a CPU profile does not show`;
  if (log === undefined) return `${waiting}; look at the I/O it awaits (queries, requests, timers, files), not at its CPU`;
  const events = [...log.queries, ...log.requests];
  if (events.length === 0) {
    return `${waiting}; the query spy saw no statement or request during one call, so it waited on something else (timers, file or socket I/O, or a client perfspec does not see: pass it to trackQueries())`;
  }
  const described = (kind: 'query' | 'request', list: QueryLog['queries']): string | undefined => {
    if (list.length === 0) return undefined;
    const groups = groupByShape(list).slice(0, 3);
    const shapes = groups.map((g) => `${g.count > 1 ? `${g.count}× ` : ''}${truncate(g.shape)}`).join('; ');
    const noun = kind === 'query' ? (list.length === 1 ? 'query' : 'queries') : list.length === 1 ? 'request' : 'requests';
    const inQueries = list.reduce((sum, event) => sum + (event.durationMs ?? 0), 0);
    return `${list.length} ${noun} (${shapes}${groupByShape(list).length > 3 ? '; …' : ''}), ${inQueries.toFixed(1)} ms in all`;
  };
  const parts = [described('query', log.queries), described('request', log.requests)].filter((p) => p !== undefined);
  return `${waiting}: during one call (${log.elapsedMs.toFixed(1)} ms) it issued ${parts.join(' and ')}; make fewer round trips, batch them, or run independent ones concurrently`;
}

function truncate(shape: string): string {
  return shape.length > 60 ? `${shape.slice(0, 57)}…` : shape;
}
