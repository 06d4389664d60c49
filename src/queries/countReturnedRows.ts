import type { QueryLog } from './measureQueries.js';
import type { QueryEvent } from './toQueryEvent.js';

/**
 * Total rows returned to the application by the counted statements of a log, and the statements whose rows the
 * driver did not report (those add nothing to the total).
 *
 * @example
 * const { rows, unknown } = countReturnedRows(await measureQueries(() => listOrders(db)));
 */
export function countReturnedRows(log: Pick<QueryLog, 'queries'>): { rows: number; unknown: readonly QueryEvent[] } {
  let rows = 0;
  const unknown: QueryEvent[] = [];
  for (const event of log.queries) {
    if (event.returnedRows === undefined) unknown.push(event);
    else rows += event.returnedRows;
  }
  return { rows, unknown };
}
